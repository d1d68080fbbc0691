package io.zonedeck.console;

import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.MachineLookup;
import io.zonedeck.compute.MachineLookup.MachineRef;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Sha256;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may open which console, and the record of consoles opened. A console is a write capability: tenant users
 * with access to the machine and operators, never a read-only token; a foreign machine is NotFound like a missing
 * one. Opening takes a one-shot ticket ({@link #requestTicket}) that the console WebSocket redeems ({@link #attach})
 * once, for the same user (and, from the UI, the same HTTP session), within its lifetime. Tickets and open consoles
 * live in the database, so any instance can redeem a ticket and the per-machine limit holds over all instances.
 */
@Service
public class ConsoleService {
    /** The UI's console WebSocket; scripts use {@link #API_PATH} with their token. */
    public static final String UI_PATH = "console/ws";

    public static final String API_PATH = "api/v1/console/ws";
    /** An open console renews its row this often; rows not renewed for three times as long do not count. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MachineLookup machines;
    private final NodeRegistry nodes;
    private final CurrentCaller callers;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ConsoleProperties props;
    private final Clock clock;

    ConsoleService(
            MachineLookup machines,
            NodeRegistry nodes,
            CurrentCaller callers,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ConsoleProperties props,
            Clock clock) {
        this.machines = machines;
        this.nodes = nodes;
        this.callers = callers;
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** What to open: the kind and, for a terminal, its first size. */
    public record Request(ConsoleKind kind, Integer cols, Integer rows) {}

    public ConsoleProperties settings() {
        return props;
    }

    /**
     * A ticket for a console of a running machine. {@code httpSession} binds it to the browser session that asked
     * (the UI); null leaves it bound to the user alone (REST, where the caller's token authenticates the socket).
     */
    @Audited("console.request")
    public ConsoleTicket requestTicket(UUID machineId, Request request, String httpSession) {
        Caller caller = callers.get();
        if (callers.readOnly()) {
            throw new ZoneDeckException(
                    "NotAuthorized",
                    403,
                    "a read-only token cannot open consoles: they can change the machine",
                    List.of());
        }
        MachineRef m = visible(caller, machineId);
        FieldProblems p = new FieldProblems();
        List<ConsoleKind> kinds = ConsoleKind.of(m.brand());
        ConsoleKind kind = request == null ? null : request.kind();
        if (kind == null) {
            p.add("kind", FieldProblems.MISSING, "Choose one of " + wires(kinds));
        } else if (!kinds.contains(kind)) {
            p.add("kind", FieldProblems.INVALID, m.brand() + " machines have a " + wires(kinds) + " console");
        }
        int cols = size(request == null ? null : request.cols(), 80, "cols", p);
        int rows = size(request == null ? null : request.rows(), 24, "rows", p);
        p.throwIfAny();
        requireOpenable(m);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(props.ticketLifetime());
        tx.executeWithoutResult(s -> {
            jdbc.update("delete from console_ticket where expires_at < ?", Timestamp.from(now.minusSeconds(3600)));
            jdbc.update(
                    "insert into console_ticket (token_hash, user_id, machine_id, kind, term_cols, term_rows,"
                            + " session_hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Sha256.hex(ticket),
                    caller.userId(),
                    machineId,
                    kind.wire(),
                    cols,
                    rows,
                    httpSession == null ? null : Sha256.hex(httpSession),
                    Timestamp.from(now),
                    Timestamp.from(expires));
        });
        boolean simulated =
                nodes.find(m.nodeId()).map(n -> "sim".equals(n.driver())).orElse(false);
        String path = (httpSession == null ? API_PATH : UI_PATH) + "?ticket=" + ticket;
        return new ConsoleTicket(
                machineId,
                m.tenantId(),
                kind.wire() + " console of " + m.name(),
                kind,
                ticket,
                path,
                expires,
                simulated);
    }

    /** What the console socket presents: the ticket and the HTTP session it came in on (null for a token). */
    public record Redemption(String ticket, String httpSession) {
        @Override
        public String toString() {
            return "Redemption[…]";
        }
    }

    /**
     * Redeems a ticket once, for the signed-in caller: the one update that marks it used wins; a used, expired,
     * foreign or unknown ticket, one from another session or for a machine the caller no longer sees is refused
     * alike (403 with the same message), and is used up by the attempt.
     */
    @Audited("console.attach")
    public ConsoleAttachment attach(Redemption r) {
        Caller caller = callers.get();
        ZoneDeckException refused = new ZoneDeckException(
                "NotAuthorized", 403, "this console ticket is not valid: open the console again", List.of());
        if (r == null || r.ticket() == null || r.ticket().length() > 100 || callers.readOnly()) {
            throw refused;
        }
        Instant now = clock.instant();
        String hash = Sha256.hex(r.ticket());
        Map<String, Object> row = tx.execute(s -> {
            int won = jdbc.update(
                    "update console_ticket set used_at = ? where token_hash = ? and used_at is null and expires_at > ?",
                    Timestamp.from(now),
                    hash,
                    Timestamp.from(now));
            return won == 1
                    ? jdbc.queryForMap(
                            "select user_id, machine_id, kind, term_cols, term_rows, session_hash from console_ticket"
                                    + " where token_hash = ?",
                            hash)
                    : null;
        });
        if (row == null || !caller.userId().equals(row.get("user_id"))) {
            throw refused;
        }
        Object bound = row.get("session_hash");
        if (bound != null && (r.httpSession() == null || !bound.equals(Sha256.hex(r.httpSession())))) {
            throw refused;
        }
        UUID machineId = (UUID) row.get("machine_id");
        MachineRef m = machines.find(machineId)
                .filter(x -> caller.canAccessTenant(x.tenantId()))
                .orElseThrow(() -> refused);
        requireOpenable(m);
        ConsoleKind kind = ConsoleKind.parse((String) row.get("kind")).orElseThrow();
        UUID sessionId = UUID.randomUUID();
        jdbc.update(
                "insert into console_session (id, user_id, machine_id, kind, opened_at, seen_at) values (?, ?, ?, ?, ?, ?)",
                sessionId,
                caller.userId(),
                machineId,
                kind.wire(),
                Timestamp.from(now),
                Timestamp.from(now));
        return new ConsoleAttachment(
                machineId,
                kind.wire() + " console of " + m.name(),
                m.tenantId(),
                sessionId,
                m.nodeId(),
                kind,
                ((Number) row.get("term_cols")).intValue(),
                ((Number) row.get("term_rows")).intValue());
    }

    /** What the audit log records as a console closes. */
    public record Closed(String name, UUID tenantId) {}

    /** Records that a console closed, how long it was open and why. */
    @Audited("console.detach")
    public Closed detach(UUID machineId, ConsoleAttachment attachment, String reason) {
        Instant now = clock.instant();
        String why = reason == null || reason.isBlank() ? "closed" : reason;
        why = why.length() > 200 ? why.substring(0, 200) : why;
        jdbc.update(
                "update console_session set closed_at = ?, close_reason = ? where id = ? and closed_at is null",
                Timestamp.from(now),
                why,
                attachment.sessionId());
        Timestamp opened = jdbc.queryForObject(
                "select opened_at from console_session where id = ?", Timestamp.class, attachment.sessionId());
        long seconds =
                opened == null ? 0 : Duration.between(opened.toInstant(), now).toSeconds();
        return new Closed(attachment.name() + " closed after " + seconds + " s: " + why, attachment.tenantId());
    }

    /** Renews an open console's row (bookkeeping of the relay, not a change anyone made). */
    public void heartbeat(List<UUID> sessionIds) {
        Timestamp now = Timestamp.from(clock.instant());
        for (UUID id : sessionIds) {
            jdbc.update("update console_session set seen_at = ? where id = ? and closed_at is null", now, id);
        }
    }

    /** Consoles of the machine open now, on any instance. */
    public int openCount(UUID machineId) {
        Integer n = jdbc.queryForObject(
                "select count(*) from console_session where machine_id = ? and closed_at is null and seen_at > ?",
                Integer.class,
                machineId,
                Timestamp.from(clock.instant().minus(HEARTBEAT.multipliedBy(3))));
        return n == null ? 0 : n;
    }

    private void requireOpenable(MachineRef m) {
        if (!"running".equals(m.state())) {
            throw new ZoneDeckException(
                    "InvalidState", 409, m.name() + " is " + m.state() + ": start it to use its console", List.of());
        }
        Node node = m.nodeId() == null ? null : nodes.find(m.nodeId()).orElse(null);
        if (node == null || node.state() != NodeState.ONLINE) {
            throw new ZoneDeckException(
                    "NodeUnavailable",
                    409,
                    "the node of " + m.name() + " is not answering: try again when it is online",
                    List.of());
        }
        if (openCount(m.id()) >= props.maxPerMachine()) {
            throw new ZoneDeckException(
                    "TooManyConsoles",
                    409,
                    m.name() + " has " + props.maxPerMachine() + " consoles open already: close one first",
                    List.of());
        }
    }

    /** The machine if the caller may see it; a foreign one is NotFound like a missing one. */
    private MachineRef visible(Caller caller, UUID machineId) {
        return machines.find(machineId)
                .filter(m -> caller.canAccessTenant(m.tenantId()))
                .orElseThrow(() -> ZoneDeckException.notFound("machine " + machineId));
    }

    private static int size(Integer v, int dflt, String field, FieldProblems p) {
        if (v == null) {
            return dflt;
        }
        if (v < 1 || v > 1000) {
            p.add(field, FieldProblems.INVALID, "Between 1 and 1000");
            return dflt;
        }
        return v;
    }

    private static String wires(List<ConsoleKind> kinds) {
        return String.join(" or ", kinds.stream().map(ConsoleKind::wire).toList());
    }
}
