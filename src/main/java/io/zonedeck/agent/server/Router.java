package io.zonedeck.agent.server;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.VrrpSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Maps protocol v1 paths to {@link AgentCore} calls. */
final class Router {
    private static final String MACHINES = "/v1/machines";
    private static final String SIM = "/v1/sim/";
    private static final int DEFAULT_BATCH = 1000;

    private final AgentCore core;

    Router(AgentCore core) {
        this.core = core;
    }

    Reply route(String method, URI uri, RequestBody body) throws InterruptedException {
        String path = uri.getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith(SIM)) {
            return sim(method, path.substring(SIM.length()));
        }
        if (core.nodeDown()) {
            throw ApiException.of(503, "NodeDown", "node " + core.nodeId() + " is down (simulated failure)");
        }
        if (path.equals("/v1/vrrp")) {
            requireMethod(method, "GET");
            return Reply.of(200, core.vrrpRouters());
        }
        if (path.equals("/v1/node")) {
            requireMethod(method, "GET");
            return Reply.of(200, core.nodeInfo());
        }
        if (path.equals("/v1/stream")) {
            requireMethod(method, "GET");
            return stream(uri.getRawQuery());
        }
        if (path.equals(MACHINES)) {
            if (method.equals("GET")) {
                return Reply.of(200, core.machines());
            }
            requireMethod(method, "GET, POST");
            AgentCore.CreateResult result = core.create(body.read(CreatePayload.class));
            return Reply.of(result.accepted() ? 202 : 200, result.machine());
        }
        if (path.startsWith(MACHINES + "/")) {
            String[] parts = path.substring(MACHINES.length() + 1).split("/", -1);
            if (parts.length == 1) {
                UUID uuid = uuid(parts[0]);
                if (method.equals("GET")) {
                    return Reply.of(200, core.machine(uuid).orElseThrow(() -> notFound(uuid)));
                }
                requireMethod(method, "GET, DELETE");
                return Reply.of(202, core.delete(uuid));
            }
            if (parts.length == 2 && isAction(parts[1])) {
                UUID uuid = uuid(parts[0]);
                requireMethod(method, "POST");
                return Reply.of(202, action(parts[1], uuid));
            }
            if (parts.length >= 3 && parts[1].equals("vrrp")) {
                return vrrp(method, uuid(parts[0]), vrid(parts[2]), parts.length == 4 ? parts[3] : null, body);
            }
        }
        throw ApiException.of(404, "NotFound", "no such resource");
    }

    private Reply vrrp(String method, UUID uuid, int vrid, String action, RequestBody body) {
        if (action == null) {
            switch (method) {
                case "GET" -> {
                    return Reply.of(200, core.vrrpRouter(uuid, vrid));
                }
                case "PUT" -> {
                    return Reply.of(200, core.configureVrrp(uuid, vrid, body.read(VrrpSpec.class)));
                }
                case "DELETE" -> {
                    core.removeVrrp(uuid, vrid);
                    return Reply.of(204, null);
                }
                default -> throw ApiException.methodNotAllowed("GET, PUT, DELETE");
            }
        }
        switch (action) {
            case "enable", "disable" -> {
                requireMethod(method, "POST");
                return Reply.of(200, core.setVrrpEnabled(uuid, vrid, action.equals("enable")));
            }
            case "release" -> {
                requireMethod(method, "POST");
                Integer priority = body.readOptional(ReleaseRequest.class)
                        .map(ReleaseRequest::priority)
                        .orElse(null);
                return Reply.of(200, core.releaseVrrp(uuid, vrid, priority));
            }
            default -> throw ApiException.of(404, "NotFound", "no such resource");
        }
    }

    private Reply sim(String method, String action) {
        boolean down = switch (action) {
            case "fail" -> true;
            case "recover" -> false;
            default -> throw ApiException.of(404, "NotFound", "no such resource");
        };
        requireMethod(method, "POST");
        core.setNodeDown(down);
        return Reply.of(200, new SimNodeStatus(core.nodeId(), core.nodeDown()));
    }

    private static int vrid(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            throw ApiException.of(404, "NotFound", "not a VRID: " + s);
        }
        return Integer.parseInt(s);
    }

    private MachineInfo action(String action, UUID uuid) {
        return switch (action) {
            case "start" -> core.start(uuid);
            case "stop" -> core.stop(uuid);
            default -> core.reboot(uuid);
        };
    }

    private static boolean isAction(String s) {
        return s.equals("start") || s.equals("stop") || s.equals("reboot");
    }

    private Reply stream(String rawQuery) throws InterruptedException {
        Map<String, String> q = query(rawQuery);
        long after = number(q, "after", 0);
        long wait = number(q, "wait", 0);
        long max = number(q, "max", DEFAULT_BATCH);
        return Reply.of(200, core.stream(after, (int) Math.min(Integer.MAX_VALUE, Math.max(1, max)), wait));
    }

    private static void requireMethod(String method, String allowed) {
        for (String m : allowed.split(", ")) {
            if (m.equals(method)) {
                return;
            }
        }
        throw ApiException.methodNotAllowed(allowed);
    }

    private static UUID uuid(String s) {
        try {
            UUID uuid = UUID.fromString(s);
            if (!uuid.toString().equalsIgnoreCase(s)) {
                throw new IllegalArgumentException(s);
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw ApiException.of(404, "NotFound", "not a machine uuid: " + s);
        }
    }

    private static ApiException notFound(UUID uuid) {
        return ApiException.of(404, "NotFound", "no machine " + uuid);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static long number(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.of(400, "Invalid", name + " must be a number");
        }
    }
}
