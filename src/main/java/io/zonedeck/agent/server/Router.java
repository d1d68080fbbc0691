package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ConsoleRequest;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.agent.api.SnapshotRequest;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.VrrpSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps protocol v1 paths to {@link AgentCore} calls. */
final class Router {
    private static final String MACHINES = "/v1/machines";
    private static final String SIM = "/v1/sim/";
    private static final int DEFAULT_BATCH = 1000;

    private final AgentCore core;
    private final ConsoleServer consoles;

    Router(AgentCore core, ConsoleServer consoles) {
        this.core = core;
        this.consoles = consoles;
    }

    Reply route(String method, URI uri, RequestBody body) throws InterruptedException {
        String path = uri.getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith(SIM)) {
            return sim(method, path.substring(SIM.length()), body);
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
        if (path.equals("/v1/health")) {
            requireMethod(method, "GET");
            return Reply.of(200, core.health());
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
            CreatePayload payload = body.read(CreatePayload.class);
            AgentCore.CreateResult result = core.create(payload);
            return performed("create", payload.uuid(), Reply.of(result.accepted() ? 202 : 200, result.machine()));
        }
        if (path.startsWith(MACHINES + "/")) {
            return machine(method, segments(uri.getRawPath()), body);
        }
        throw ApiException.of(404, "NotFound", "no such resource");
    }

    /** {@code /v1/machines/{uuid}[/...]}, with the path's segments after "machines" decoded. */
    private Reply machine(String method, List<String> parts, RequestBody body) {
        UUID uuid = uuid(parts.get(0));
        if (parts.size() == 1) {
            if (method.equals("GET")) {
                return Reply.of(200, core.machine(uuid).orElseThrow(() -> notFound(uuid)));
            }
            requireMethod(method, "GET, DELETE");
            return performed("delete", uuid, Reply.of(202, core.delete(uuid)));
        }
        String sub = parts.get(1);
        if (parts.size() == 2 && isAction(sub)) {
            requireMethod(method, "POST");
            return performed(sub, uuid, Reply.of(202, action(sub, uuid)));
        }
        if (parts.size() == 2 && sub.equals("update")) {
            requireMethod(method, "POST");
            UpdatePayload update = body.read(UpdatePayload.class);
            return performed("update", uuid, Reply.of(200, core.update(uuid, update, body.fieldNames())));
        }
        if (parts.size() == 2 && sub.equals("console")) {
            requireMethod(method, "POST");
            return Reply.of(201, consoles.offer(uuid, body.read(ConsoleRequest.class)));
        }
        if (sub.equals("snapshots")) {
            return snapshots(method, uuid, parts.subList(2, parts.size()), body);
        }
        if (parts.size() >= 3 && parts.size() <= 4 && sub.equals("vrrp")) {
            return vrrp(method, uuid, vrid(parts.get(2)), parts.size() == 4 ? parts.get(3) : null, body);
        }
        throw ApiException.of(404, "NotFound", "no such resource");
    }

    private Reply snapshots(String method, UUID uuid, List<String> rest, RequestBody body) {
        if (rest.isEmpty()) {
            if (method.equals("GET")) {
                return Reply.of(200, core.snapshots(uuid));
            }
            requireMethod(method, "GET, POST");
            SnapshotRequest request = body.read(SnapshotRequest.class);
            return performed("snapshot", uuid, Reply.of(201, core.createSnapshot(uuid, request.name())));
        }
        String name = rest.get(0);
        if (rest.size() == 1) {
            requireMethod(method, "DELETE");
            core.deleteSnapshot(uuid, name);
            return performed("delete-snapshot", uuid, Reply.of(204, null));
        }
        if (rest.size() == 2 && rest.get(1).equals("rollback")) {
            requireMethod(method, "POST");
            return performed("rollback", uuid, Reply.of(200, core.rollbackSnapshot(uuid, name)));
        }
        throw ApiException.of(404, "NotFound", "no such resource");
    }

    /** The reply to a performed operation, dropped when a sim drop fault hits it. */
    private Reply performed(String operation, UUID uuid, Reply reply) {
        return reply.dropped(core.takeDrop(operation, uuid));
    }

    /** Segments after /v1/machines/, each percent-decoded ('+' stays '+'). */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.substring(MACHINES.length() + 1);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String seg : rest.split("/", -1)) {
            try {
                out.add(URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.of(404, "NotFound", "malformed path");
            }
        }
        return out;
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

    private Reply sim(String method, String action, RequestBody body) {
        if (action.equals("faults")) {
            switch (method) {
                case "GET" -> {
                    return Reply.of(200, core.faults());
                }
                case "POST" -> {
                    return Reply.of(200, core.injectFault(body.read(SimFault.class)));
                }
                case "DELETE" -> {
                    core.clearFaults();
                    return Reply.of(204, null);
                }
                default -> throw ApiException.methodNotAllowed("GET, POST, DELETE");
            }
        }
        if (action.equals("health")) {
            switch (method) {
                case "POST" -> {
                    return Reply.of(200, core.injectHealth(body.read(SimHealthRequest.class)));
                }
                case "DELETE" -> {
                    return Reply.of(200, core.clearHealth());
                }
                default -> throw ApiException.methodNotAllowed("POST, DELETE");
            }
        }
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
