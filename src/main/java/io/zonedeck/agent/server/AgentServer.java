package io.zonedeck.agent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.tls.AgentIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Agent protocol v1 over the JDK's HTTP server: HTTPS with the agent's own {@link AgentIdentity} (TLS 1.3 or 1.2),
 * or plain HTTP where a caller asks for it (the portal's in-JVM demo agents, tests). Every call is authenticated
 * (bearer token, then the node header) before anything else happens. Errors are {@link ApiError} bodies; internals are
 * logged, never sent.
 */
public final class AgentServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int HTTP_THREADS = 16;

    static {
        // The JDK server writes an answer's headers and body in separate packets; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK (about 40 ms on Linux) on every call. Read once per JVM, before
        // the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final Router router;
    private final ConsoleServer consoles;
    private final TokenAuthenticator auth;
    private final ObjectMapper json = AgentJson.newMapper();

    /** Plain HTTP accepting {@code token}; binds at once; {@code port} 0 picks a free port (see {@link #port()}). */
    public AgentServer(AgentCore core, String token, InetSocketAddress bind) throws IOException {
        this(core, TokenHash.of(token), bind, null);
    }

    /**
     * Binds at once; {@code port} 0 picks a free port (see {@link #port()}). With an {@code identity} the server
     * speaks HTTPS only; without, plain HTTP.
     */
    public AgentServer(AgentCore core, TokenHash token, InetSocketAddress bind, AgentIdentity identity)
            throws IOException {
        this.auth = new TokenAuthenticator(token, core.nodeId());
        this.http = identity == null ? HttpServer.create(bind, 64) : https(bind, identity.serverContext());
        try {
            this.consoles = new ConsoleServer(
                    core.driver(),
                    java.time.Clock.systemUTC(),
                    ConsoleServer.bindFor(bind.getAddress(), bind.getPort()),
                    identity == null ? null : identity.serverContext(),
                    core.nodeId());
        } catch (IOException e) {
            http.stop(0);
            throw e;
        }
        this.router = new Router(core, consoles);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "agent-http-" + core.nodeId() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    private static HttpsServer https(InetSocketAddress bind, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(bind, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                p.setNeedClientAuth(false);
                params.setSSLParameters(p);
            }
        });
        return server;
    }

    /** True when the server speaks HTTPS. */
    public boolean tls() {
        return http instanceof HttpsServer;
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The port of the console listener ({@link ConsoleServer}). */
    public int consolePort() {
        return consoles.port();
    }

    @Override
    public void close() {
        consoles.close();
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try {
            Reply reply;
            try {
                auth.check(ex.getRequestHeaders());
                reply = router.route(ex.getRequestMethod(), ex.getRequestURI(), new JsonBody(ex));
            } catch (ApiException e) {
                reply = new Reply(e.status(), e.error(), e.allow());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = new Reply(503, ApiError.of("Unavailable", "agent is shutting down"), null);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "request " + ex.getRequestMethod() + " "
                                + ex.getRequestURI().getPath() + " failed",
                        e);
                reply = new Reply(500, ApiError.of("InternalError", "internal error"), null);
            }
            if (reply.drop()) {
                // performed, but the caller gets no answer: closing the exchange before any header closes
                // the connection (sim drop fault)
                LOG.log(
                        System.Logger.Level.INFO,
                        "dropping the answer to " + ex.getRequestMethod() + " "
                                + ex.getRequestURI().getPath() + " (injected fault)");
                return;
            }
            send(ex, reply);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: " + e.getMessage());
        } finally {
            ex.close();
        }
    }

    /** The request body, read once on first use. */
    private final class JsonBody implements RequestBody {
        private final HttpExchange ex;
        private byte[] bytes;

        JsonBody(HttpExchange ex) {
            this.ex = ex;
        }

        @Override
        public <T> T read(Class<T> type) {
            return readOptional(type)
                    .orElseThrow(() -> ApiException.of(400, "Invalid", "request body must be a JSON object"));
        }

        @Override
        public <T> Optional<T> readOptional(Class<T> type) {
            byte[] body = bytes();
            if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return Optional.empty();
            }
            return Optional.ofNullable(parse(body, type));
        }

        @Override
        public Set<String> fieldNames() {
            byte[] body = bytes();
            if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return Set.of();
            }
            JsonNode tree = parse(body, JsonNode.class);
            if (tree == null || !tree.isObject()) {
                throw ApiException.of(400, "Invalid", "request body must be a JSON object");
            }
            Set<String> names = new LinkedHashSet<>();
            tree.fieldNames().forEachRemaining(names::add);
            return names;
        }

        private byte[] bytes() {
            if (bytes == null) {
                try (InputStream in = ex.getRequestBody()) {
                    bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                } catch (IOException e) {
                    throw ApiException.of(400, "Invalid", "cannot read request body");
                }
                if (bytes.length > MAX_BODY_BYTES) {
                    throw ApiException.of(413, "Invalid", "request body larger than 1 MiB");
                }
            }
            return bytes;
        }
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonMappingException e) {
            String at = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining("."));
            throw ApiException.of(400, "Invalid", at.isEmpty() ? "malformed JSON" : "malformed JSON at " + at);
        } catch (JsonProcessingException e) {
            throw ApiException.of(400, "Invalid", "malformed JSON");
        } catch (IOException e) {
            throw ApiException.of(400, "Invalid", "cannot read request body");
        }
    }

    private void send(HttpExchange ex, Reply reply) throws IOException {
        if (reply.status() == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (reply.allow() != null) {
            ex.getResponseHeaders().set("Allow", reply.allow());
        }
        ex.sendResponseHeaders(reply.status(), bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
