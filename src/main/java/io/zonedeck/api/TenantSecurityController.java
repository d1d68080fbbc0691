package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.tenancy.TenantService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether a tenant's users must use two-factor sign-in (operators set it; a tenant's own users may read it). */
@RestController
@RequestMapping("/api/v1/tenants/{id}/two-factor")
@Tag(name = "tenants", description = "Tenants, their quotas and users")
class TenantSecurityController {
    private final TenantService tenants;

    TenantSecurityController(TenantService tenants) {
        this.tenants = tenants;
    }

    record TwoFactorPolicy(Boolean required) {}

    @GetMapping
    @Operation(summary = "Whether the tenant's users must use two-factor sign-in")
    TwoFactorPolicy get(@PathVariable String id) {
        return new TwoFactorPolicy(tenants.requiresTwoFactor(id));
    }

    @PutMapping
    @Operation(
            summary = "Make two-factor sign-in mandatory for the tenant's users, or optional: {required: true|false}")
    TwoFactorPolicy put(@PathVariable String id, @RequestBody(required = false) TwoFactorPolicy body) {
        if (body == null || body.required() == null) {
            throw ZoneDeckException.invalid(
                    List.of(new ZoneDeckException.FieldProblem("required", "MissingParameter", "Say true or false")));
        }
        return new TwoFactorPolicy(tenants.requireTwoFactor(id, body.required()));
    }
}
