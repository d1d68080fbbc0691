package io.zonedeck.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.ConsoleFrames;
import io.zonedeck.agent.api.ConsoleRequest;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.AgentConsole;
import io.zonedeck.nodes.NodeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console WebSocket: browser (or script) ↔ portal ↔ agent. The socket's URL carries a ticket; the signed-in
 * user's ticket is redeemed through {@link ConsoleService#attach}, then bytes flow both ways: binary messages are
 * the console's bytes (terminal output and keystrokes, or RFB for VNC), a text message {@code
 * {"type":"resize","cols":C,"rows":R}} resizes a terminal. The socket closes with a reason (4000 + a short text)
 * when the machine stops, the shell exits, the node goes away or the console is idle too long.
 */
@Component
class ConsoleRelay extends AbstractWebSocketHandler {
    static final int CLOSED_BY_CONSOLE = 4000;
    static final int REFUSED = 4403;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "zonedeck.console";

    private final ConsoleService consoles;
    private final NodeRegistry nodes;
    private final Clock clock;
    private final Map<String, Link> open = new ConcurrentHashMap<>();

    ConsoleRelay(ConsoleService consoles, NodeRegistry nodes, Clock clock) {
        this.consoles = consoles;
        this.nodes = nodes;
        this.clock = clock;
    }

    /** One relayed console: the browser's socket, the agent's stream and who opened it. */
    private final class Link {
        final WebSocketSession socket;
        final AgentConsole agent;
        final ConsoleAttachment attachment;
        final Authentication auth;
        volatile Instant lastInput;
        volatile boolean done;

        Link(WebSocketSession socket, AgentConsole agent, ConsoleAttachment attachment, Authentication auth) {
            this.socket = socket;
            this.agent = agent;
            this.attachment = attachment;
            this.auth = auth;
            this.lastInput = clock.instant();
        }

        /** Ends the console once: closes both sides and records why. */
        void end(String reason) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            open.remove(socket.getId());
            agent.close();
            try {
                if (socket.isOpen()) {
                    socket.close(new CloseStatus(CLOSED_BY_CONSOLE, shortReason(reason)));
                }
            } catch (IOException e) {
                // the browser went away
            }
            as(auth, () -> consoles.detach(attachment.id(), attachment, reason));
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws Exception {
        WebSocketSession socket = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 16 * 1024 * 1024);
        if (!(raw.getPrincipal() instanceof Authentication auth)) {
            raw.close(new CloseStatus(REFUSED, "sign in first"));
            return;
        }
        String ticket = raw.getUri() == null
                ? null
                : UriComponentsBuilder.fromUri(raw.getUri())
                        .build()
                        .getQueryParams()
                        .getFirst("ticket");
        Object httpSession = raw.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME);
        ConsoleAttachment attachment;
        try {
            attachment = as(
                    auth,
                    () -> consoles.attach(new ConsoleService.Redemption(
                            ticket, httpSession == null ? null : httpSession.toString())));
        } catch (ZoneDeckException e) {
            raw.close(new CloseStatus(REFUSED, shortReason(e.getMessage())));
            return;
        }
        AgentConsole agent;
        try {
            agent = nodes.client(attachment.nodeId())
                    .openConsole(
                            attachment.id(),
                            new ConsoleRequest(attachment.kind(), attachment.cols(), attachment.rows()));
        } catch (AgentCallException e) {
            String why = e.agentStatus() == 409
                    ? "the machine is not running: start it to use its console"
                    : e.agentStatus() == 0 || e.agentStatus() >= 500
                            ? "the machine's node is not answering: try again when it is online"
                            : "the node refused the console: " + e.getMessage();
            as(auth, () -> consoles.detach(attachment.id(), attachment, why));
            raw.close(new CloseStatus(CLOSED_BY_CONSOLE, shortReason(why)));
            return;
        }
        Link link = new Link(socket, agent, attachment, auth);
        raw.getAttributes().put(LINK, link);
        open.put(raw.getId(), link);
        Thread pump = new Thread(() -> pump(link), "console-" + attachment.id());
        pump.setDaemon(true);
        pump.start();
    }

    /** Agent → browser until the agent closes or the link ends. */
    private void pump(Link link) {
        String reason = "the console's node closed the connection";
        try {
            while (!link.done) {
                ConsoleFrames.Frame f = link.agent.read();
                if (f.type() == ConsoleFrames.DATA) {
                    link.socket.sendMessage(new BinaryMessage(f.payload()));
                } else if (f.type() == ConsoleFrames.CLOSE) {
                    reason = f.text().isBlank() ? "the session ended" : f.text();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (link.done) {
                return;
            }
            LOG.debug("console {} ended: {}", link.attachment.sessionId(), e.getMessage());
        }
        link.end(reason);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        Link link = (Link) session.getAttributes().get(LINK);
        if (link == null || link.done) {
            return;
        }
        link.lastInput = clock.instant();
        byte[] b = new byte[message.getPayloadLength()];
        message.getPayload().get(b);
        try {
            link.agent.send(b);
        } catch (IOException e) {
            link.end("the console's node closed the connection");
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        Link link = (Link) session.getAttributes().get(LINK);
        if (link == null || link.done || message.getPayloadLength() > 1024) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(message.getPayload());
        } catch (IOException e) {
            return;
        }
        if (n != null && "resize".equals(n.path("type").asText())) {
            int cols = n.path("cols").asInt(0);
            int rows = n.path("rows").asInt(0);
            if (cols >= 1
                    && cols <= 1000
                    && rows >= 1
                    && rows <= 1000
                    && link.attachment.kind().terminal()) {
                link.agent.resize(cols, rows);
            }
        } else if (n != null && "data".equals(n.path("type").asText())) {
            link.lastInput = clock.instant();
            link.agent.send(n.path("data").asText("").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Link link = (Link) session.getAttributes().get(LINK);
        if (link != null) {
            link.end("closed by the user");
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Link link = (Link) session.getAttributes().get(LINK);
        if (link != null) {
            link.end("the browser's connection failed");
        }
    }

    /** Closes consoles idle too long and renews the open ones' rows. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    void sweep() {
        sweep(consoles.settings().idleTimeout());
    }

    /** Closes the consoles without input for {@code idle} and renews the rows of the others. */
    void sweep(Duration idle) {
        Instant now = clock.instant();
        for (Link link : List.copyOf(open.values())) {
            if (link.lastInput.plus(idle).isBefore(now)) {
                link.end("closed after " + minutes(idle) + " without input");
            }
        }
        List<java.util.UUID> ids =
                open.values().stream().map(l -> l.attachment.sessionId()).toList();
        if (!ids.isEmpty()) {
            consoles.heartbeat(ids);
        }
    }

    /** The number of consoles this instance relays now. */
    int openHere() {
        return open.size();
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + " minute" + (m == 1 ? "" : "s") : d.toSeconds() + " seconds";
    }

    /** A close reason fits a WebSocket close frame (123 bytes of UTF-8). */
    static String shortReason(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 120) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    private static <T> T as(Authentication auth, Supplier<T> call) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(auth);
        SecurityContextHolder.setContext(ctx);
        try {
            return call.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
