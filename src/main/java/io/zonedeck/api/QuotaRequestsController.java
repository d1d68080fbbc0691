package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.MultiLineText;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.tenancy.QuotaRaise;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Emergency quota raises: a tenant admin asks for more of one limit; an operator approves (the limit is raised) or
 * rejects with a note. Members read their tenant's requests, operators all.
 */
@RestController
@RequestMapping("/api/v1/quota-requests")
@Tag(name = "quota-requests", description = "Emergency quota raises and their decisions")
class QuotaRequestsController {
    private static final Set<String> STATES =
            Set.of(QuotaRequest.PENDING, QuotaRequest.APPROVED, QuotaRequest.REJECTED);

    private final QuotaRequestService requests;

    QuotaRequestsController(QuotaRequestService requests) {
        this.requests = requests;
    }

    /** {@code reason} may span lines. */
    record RaiseBody(
            String limit, Long value, @MultiLineText String reason) {}

    /** {@code note} may span lines. */
    record DecisionBody(@MultiLineText String note) {}

    /** A request; {@code limit} is the quota key (machines, ramMiB, ...), amounts in its unit. */
    record RequestView(
            UUID id,
            UUID tenantId,
            String tenant,
            String limit,
            String limitLabel,
            Long currentLimit,
            long requested,
            String reason,
            String state,
            String requestedBy,
            Instant requestedAt,
            String decidedBy,
            Instant decidedAt,
            String note) {
        static RequestView of(QuotaRequest r) {
            return new RequestView(
                    r.id(),
                    r.tenantId(),
                    r.tenantName(),
                    r.limit().key(),
                    r.limit().label(),
                    r.currentLimit(),
                    r.requested(),
                    r.reason(),
                    r.state(),
                    r.requestedBy(),
                    r.requestedAt(),
                    r.decidedBy(),
                    r.decidedAt(),
                    r.note());
        }
    }

    @GetMapping
    @Operation(summary = "The requests the caller may see, newest first; state = pending, approved or rejected")
    List<RequestView> list(@RequestParam(required = false) String state) {
        if (state != null && !STATES.contains(state)) {
            throw ZoneDeckException.invalid("state", "state is pending, approved or rejected");
        }
        return requests.list().stream()
                .filter(r -> state == null || r.state().equals(state))
                .map(RequestView::of)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request; another tenant's answers 404 like a missing one")
    RequestView get(@PathVariable String id) {
        return RequestView.of(requests.get(Ids.parse(id, "quota request")));
    }

    @PostMapping
    @Operation(
            summary = "Ask for more of one limit (tenant admin): {limit, value, reason}; value above the current"
                    + " limit, reason 1-500 characters, one pending request per limit (409 Duplicate)")
    ResponseEntity<RequestView> create(@RequestBody RaiseBody b) {
        QuotaRequest r = requests.request(new QuotaRaise(b.limit(), b.value(), b.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).body(RequestView.of(r));
    }

    @PostMapping("/{id}/approve")
    @Operation(
            summary = "Approve a pending request (operator): the limit is raised to the requested value; {note}"
                    + " optional")
    RequestView approve(@PathVariable String id, @RequestBody(required = false) DecisionBody b) {
        return RequestView.of(requests.approve(Ids.parse(id, "quota request"), b == null ? null : b.note()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject a pending request (operator) with a {note} saying why")
    RequestView reject(@PathVariable String id, @RequestBody DecisionBody b) {
        return RequestView.of(requests.reject(Ids.parse(id, "quota request"), b.note()));
    }
}
