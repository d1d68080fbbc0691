package io.zonedeck.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaStatus;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantOverview;
import io.zonedeck.tenancy.TenantOverviews;
import io.zonedeck.tenancy.TenantService;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants and their quotas. Operators see and change every tenant; a tenant's members read their own tenant and
 * quota; another tenant answers 404 exactly like a missing one. {@code {id}} is a tenant's id or name.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "tenants", description = "Tenants, their state and their quotas")
class TenantsController {
    private final TenantService tenants;
    private final TenantOverviews overviews;
    private final QuotaService quotas;
    private final CurrentCaller caller;

    TenantsController(TenantService tenants, TenantOverviews overviews, QuotaService quotas, CurrentCaller caller) {
        this.tenants = tenants;
        this.overviews = overviews;
        this.quotas = quotas;
        this.caller = caller;
    }

    record CreateBody(String name, String displayName) {}

    /** A tenant; {@code users} and {@code pendingRequests} for operators only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TenantView(
            UUID id,
            String name,
            String displayName,
            boolean enabled,
            Long users,
            Long pendingRequests,
            QuotaStatus quota) {
        static TenantView of(TenantOverview o) {
            Tenant t = o.tenant();
            return new TenantView(
                    t.id(), t.name(), t.displayName(), t.enabled(), o.users(), o.pendingRequests(), o.quota());
        }
    }

    @GetMapping
    @Operation(
            summary = "List tenants: every tenant with users, quota and pending requests for operators; a member's"
                    + " own tenant for everyone else")
    List<TenantView> list() {
        if (caller.get().isOperator()) {
            return overviews.all().stream().map(TenantView::of).toList();
        }
        return tenants.visible().stream().map(this::view).toList();
    }

    @PostMapping
    @Operation(summary = "Create a tenant (operator): {name, displayName}; the name follows the machine-name rules")
    ResponseEntity<TenantView> create(@RequestBody CreateBody b) {
        Tenant t = tenants.create(b.name(), b.displayName());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(t));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One tenant by id or name; another tenant's answers 404 like a missing one")
    TenantView get(@PathVariable String id) {
        return view(tenants.get(id));
    }

    @PostMapping("/{id}/disable")
    @Operation(
            summary = "Disable a tenant (operator): its users cannot sign in and their open sessions end; its"
                    + " machines keep running")
    TenantView disable(@PathVariable String id) {
        return view(tenants.disable(id));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a disabled tenant (operator)")
    TenantView enable(@PathVariable String id) {
        return view(tenants.enable(id));
    }

    @GetMapping("/{id}/quota")
    @Operation(summary = "A tenant's limits and usage (operators: any tenant; members: their own)")
    QuotaStatus quota(@PathVariable String id) {
        return quotas.status(id);
    }

    @PutMapping("/{id}/quota")
    @Operation(
            summary = "Replace a tenant's limits (operator); null or left out = unlimited. Lowering below what is in"
                    + " use takes nothing away, it only refuses growth. The body is required: send {} to lift"
                    + " every limit")
    QuotaStatus setQuota(@PathVariable String id, @RequestBody Quota quota) {
        return quotas.setQuota(id, quota);
    }

    private TenantView view(Tenant t) {
        return new TenantView(
                t.id(), t.name(), t.displayName(), t.enabled(), null, null, quotas.status(t.id().toString()));
    }
}
