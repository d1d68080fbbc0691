package io.zonedeck.nodes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.ConsoleOffer;
import io.zonedeck.agent.api.ConsoleRequest;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.SnapshotRequest;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Agent protocol v1 for one node, authenticated with that node's own credential, over the given client: HTTPS pinned
 * to the node's certificate ({@link AgentConnector#clientFor}) or plain HTTP where allowed.
 */
public class AgentClient {
    private static final ObjectMapper JSON = AgentJson.newMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Health is polled by the shared scheduler: a node that hangs must not hold it for long. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration SLOW_TIMEOUT = Duration.ofSeconds(240);

    private final HttpClient http;
    private final String baseUrl;
    private final String nodeName;
    private final String credential;
    private final ConsoleDialer dialer;

    /** How a client reaches the agent's console port: the same host and certificate pin as its API. */
    @FunctionalInterface
    interface ConsoleDialer {
        java.net.Socket dial(int port) throws IOException;
    }

    public AgentClient(HttpClient http, String baseUrl, String nodeName, String credential) {
        this(http, baseUrl, nodeName, credential, port -> {
            throw new IOException("no console connections from this client");
        });
    }

    AgentClient(HttpClient http, String baseUrl, String nodeName, String credential, ConsoleDialer dialer) {
        this.dialer = dialer;
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.nodeName = nodeName;
        this.credential = credential;
    }

    /**
     * Opens a console of a running machine: asks the agent for a ticket, connects to its console port and presents
     * it. {@link AgentCallException} with the agent's status (404, 409 not running, 422 no such kind) or 0 when the
     * console port cannot be reached.
     */
    public AgentConsole openConsole(UUID uuid, ConsoleRequest request) {
        ConsoleOffer offer =
                send(post("/v1/machines/" + uuid + "/console", request), new TypeReference<ConsoleOffer>() {});
        java.net.Socket socket = null;
        try {
            socket = dialer.dial(offer.port());
            return new AgentConsole(socket, offer.ticket(), offer.simulated());
        } catch (IOException e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            throw new AgentCallException(0, null, "the console of node " + nodeName + " is unreachable", e);
        }
    }

    public NodeInfo node() {
        return send(get("/v1/node"), new TypeReference<>() {});
    }

    /** The node's SMF services and FMA faults. */
    public NodeHealth health() {
        return send(request("/v1/health").timeout(HEALTH_TIMEOUT).GET().build(), new TypeReference<>() {});
    }

    /** Sim nodes only: puts a service into a state or diagnoses an FMA fault; returns the health after. */
    public NodeHealth injectHealth(SimHealthRequest request) {
        return send(post("/v1/sim/health", request), new TypeReference<>() {});
    }

    /** Sim nodes only: every service healthy again, no faults; returns the health after. */
    public NodeHealth clearHealth() {
        return send(request("/v1/sim/health").DELETE().build(), new TypeReference<>() {});
    }

    public List<MachineInfo> machines() {
        return send(get("/v1/machines"), new TypeReference<>() {});
    }

    public Optional<MachineInfo> machine(UUID uuid) {
        try {
            return Optional.of(send(get("/v1/machines/" + uuid), new TypeReference<MachineInfo>() {}));
        } catch (AgentCallException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public MachineInfo create(CreatePayload payload) {
        return send(post("/v1/machines", payload), new TypeReference<>() {});
    }

    public MachineInfo action(UUID uuid, String action) {
        return send(post("/v1/machines/" + uuid + "/" + action, null), new TypeReference<>() {});
    }

    public void delete(UUID uuid) {
        send(request("/v1/machines/" + uuid).DELETE().build(), new TypeReference<Object>() {});
    }

    /** vmadm update (synchronous on the agent); returns the machine as updated. */
    public MachineInfo update(UUID uuid, UpdatePayload update) {
        return send(slow(post("/v1/machines/" + uuid + "/update", update)), new TypeReference<>() {});
    }

    /**
     * Synchronous operations that may stop and start a machine (a rollback; vmadm's stop timeout for HVM is
     * 180 s) get longer than the usual 10 s to answer.
     */
    private static HttpRequest slow(HttpRequest req) {
        return HttpRequest.newBuilder(req, (name, value) -> true)
                .timeout(SLOW_TIMEOUT)
                .build();
    }

    public List<SnapshotInfo> snapshots(UUID uuid) {
        return send(get("/v1/machines/" + uuid + "/snapshots"), new TypeReference<>() {});
    }

    public SnapshotInfo createSnapshot(UUID uuid, String name) {
        return send(post("/v1/machines/" + uuid + "/snapshots", new SnapshotRequest(name)), new TypeReference<>() {});
    }

    /** Rolls back (stopping and restarting a running machine); newer snapshots are destroyed. */
    public MachineInfo rollbackSnapshot(UUID uuid, String name) {
        return send(
                slow(post("/v1/machines/" + uuid + "/snapshots/" + encode(name) + "/rollback", null)),
                new TypeReference<>() {});
    }

    public void deleteSnapshot(UUID uuid, String name) {
        send(
                request("/v1/machines/" + uuid + "/snapshots/" + encode(name))
                        .DELETE()
                        .build(),
                new TypeReference<Object>() {});
    }

    /** Sim nodes only: injects a failure (see {@link SimFault}). */
    public List<SimFault> injectFault(SimFault fault) {
        return send(post("/v1/sim/faults", fault), new TypeReference<>() {});
    }

    /** Sim nodes only: clears every injected failure. */
    public void clearFaults() {
        send(request("/v1/sim/faults").DELETE().build(), new TypeReference<Object>() {});
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** The node's VRRP routers. */
    public List<VrrpRouterInfo> vrrpRouters() {
        return send(get("/v1/vrrp"), new TypeReference<>() {});
    }

    /** Creates or updates (idempotently) a machine's VRRP router. */
    public VrrpRouterInfo configureVrrp(UUID uuid, VrrpSpec spec) {
        return send(put("/v1/machines/" + uuid + "/vrrp/" + spec.vrid(), spec), new TypeReference<>() {});
    }

    public void removeVrrp(UUID uuid, int vrid) {
        try {
            send(request("/v1/machines/" + uuid + "/vrrp/" + vrid).DELETE().build(), new TypeReference<Object>() {});
        } catch (AgentCallException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    /** enable, disable, or release (graceful: a MASTER sends a priority-0 advert and runs on with {@code priority}). */
    public VrrpRouterInfo vrrpAction(UUID uuid, int vrid, String action, Integer priority) {
        Object body = priority == null ? null : java.util.Map.of("priority", priority);
        return send(post("/v1/machines/" + uuid + "/vrrp/" + vrid + "/" + action, body), new TypeReference<>() {});
    }

    /** Sim nodes only: take the whole node down (fail) or bring it back (recover). */
    public void simNode(String action) {
        send(post("/v1/sim/" + action, null), new TypeReference<Object>() {});
    }

    /** Entries after {@code after}, waiting up to {@code waitMillis} for new ones. */
    public StreamBatch stream(long after, long waitMillis) {
        HttpRequest req = request("/v1/stream?after=" + after + "&wait=" + waitMillis)
                .timeout(TIMEOUT.plusMillis(waitMillis))
                .GET()
                .build();
        return send(req, new TypeReference<>() {});
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            return request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest put(String path, Object body) {
        try {
            return request(path)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + credential)
                .header(AgentJson.NODE_HEADER, nodeName)
                .header("Accept", "application/json");
    }

    private <T> T send(HttpRequest req, TypeReference<T> type) {
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            java.util.Optional<PinnedTrustManager.Mismatch> pin = PinnedTrustManager.mismatchIn(e);
            if (pin.isPresent()) {
                throw new AgentCallException(
                        0,
                        null,
                        "node " + nodeName + " refused: its agent presents certificate " + pin.get().presented
                                + ", not the pinned " + pin.get().expected
                                + " (a changed key or another host; re-register it to move it)",
                        e);
            }
            throw new AgentCallException(0, null, "node " + nodeName + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentCallException(0, null, "interrupted", e);
        }
        try {
            if (res.statusCode() >= 400) {
                ApiError error = res.body().length == 0 ? null : JSON.readValue(res.body(), ApiError.class);
                String msg = error != null && error.message() != null ? error.message() : "HTTP " + res.statusCode();
                throw new AgentCallException(res.statusCode(), error, msg, null);
            }
            if (res.body().length == 0) {
                return null;
            }
            return JSON.readValue(res.body(), type);
        } catch (IOException e) {
            throw new AgentCallException(res.statusCode(), null, "unreadable answer from node " + nodeName, e);
        }
    }
}
