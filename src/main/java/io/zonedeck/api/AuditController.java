package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.audit.AuditEvent;
import io.zonedeck.audit.AuditQuery;
import io.zonedeck.audit.AuditService;
import io.zonedeck.base.FieldProblems;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log: the caller's tenant's records (operators: every record), newest first, as JSON or, with
 * {@code Accept: text/csv}, as CSV. The total is in the x-resource-count header.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "Who did what, when, from where, with what result")
class AuditController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv");
    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    /** Parsed query parameters of both representations. */
    record Params(AuditQuery query, int offset, int limit) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "List audit records",
            description = "from / to: ISO instants (2026-11-25T10:00:00Z) or days (2026-11-25; a day for to"
                    + " includes that day); user: a user name; action: an action or its start (machine.);"
                    + " result: ok or a code (NotFound, Invalid, Forbidden, BadCredentials, ...); q: a part of"
                    + " the target, message, user or request id. offset ≥ 0, limit 1–1000 (default 100).")
    ResponseEntity<List<AuditEvent>> list(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String result,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String offset,
            @RequestParam(required = false) String limit) {
        Params p = parse(from, to, user, action, result, q, offset, limit);
        return ResponseEntity.ok()
                .header("x-resource-count", String.valueOf(audit.count(p.query())))
                .body(audit.list(p.query(), p.offset(), p.limit()));
    }

    @GetMapping(produces = "text/csv")
    @Operation(summary = "The same records as CSV (a header line, then one line per record)")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String result,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String offset,
            @RequestParam(required = false) String limit)
            throws IOException {
        Params p = parse(from, to, user, action, result, q, offset, limit);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        audit.exportCsv(p.query(), p.offset(), p.limit(), out);
        return ResponseEntity.ok()
                .header("x-resource-count", String.valueOf(audit.count(p.query())))
                .contentType(new MediaType(TEXT_CSV, java.nio.charset.StandardCharsets.UTF_8))
                .body(out.toByteArray());
    }

    static Params parse(
            String from, String to, String user, String action, String result, String q, String offset, String limit) {
        FieldProblems problems = new FieldProblems();
        Instant f = instant(from, "from", false, problems);
        Instant t = instant(to, "to", true, problems);
        if (f != null && t != null && f.isAfter(t)) {
            problems.add("to", FieldProblems.INVALID, "to must not be before from");
        }
        text(user, "user", 100, problems);
        text(action, "action", 64, problems);
        text(result, "result", 32, problems);
        text(q, "q", 200, problems);
        int off = number(offset, "offset", 0, 0, Integer.MAX_VALUE, problems);
        int lim = number(limit, "limit", 100, 1, 1000, problems);
        problems.throwIfAny();
        return new Params(new AuditQuery(f, t, user, action, result, q), off, lim);
    }

    /** An ISO instant, an offset date-time, or a day (UTC; for {@code to} the end of that day). */
    private static Instant instant(String v, String field, boolean endOfDay, FieldProblems problems) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.strip();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            problems.add(field, FieldProblems.INVALID, field + " must be an ISO instant or day, e.g. 2026-11-25");
            return null;
        }
    }

    private static void text(String v, String field, int max, FieldProblems problems) {
        if (v != null && v.length() > max) {
            problems.add(field, FieldProblems.INVALID, field + " is longer than " + max + " characters");
        }
    }

    private static int number(String v, String field, int dflt, int min, int max, FieldProblems problems) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(
                field,
                FieldProblems.INVALID,
                field + " must be a whole number " + (max == Integer.MAX_VALUE ? "≥ " + min : min + "–" + max));
        return dflt;
    }
}
