package io.zonedeck.agent.server;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Maps protocol v1 paths to {@link AgentCore} calls. */
final class Router {
    private static final String MACHINES = "/v1/machines";
    private static final int DEFAULT_BATCH = 1000;

    private final AgentCore core;

    Router(AgentCore core) {
        this.core = core;
    }

    Reply route(String method, URI uri, Supplier<CreatePayload> body) throws InterruptedException {
        String path = uri.getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
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
            AgentCore.CreateResult result = core.create(body.get());
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
        }
        throw ApiException.of(404, "NotFound", "no such resource");
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
