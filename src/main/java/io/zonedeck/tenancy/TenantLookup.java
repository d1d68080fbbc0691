package io.zonedeck.tenancy;

import io.zonedeck.base.Printable;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.Caller;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantRepository;
import java.util.Optional;
import java.util.UUID;

/** A tenant named by its name or its id, as REST paths and forms name it. */
final class TenantLookup {
    private TenantLookup() {}

    /** Any tenant by name, else by id; no scope. */
    static Optional<TenantEntity> byIdOrName(TenantRepository tenants, String idOrName) {
        String key = idOrName == null ? "" : idOrName.strip();
        Optional<TenantEntity> t = tenants.findByName(key);
        if (t.isEmpty() && isUuid(key)) {
            t = tenants.findById(UUID.fromString(key));
        }
        return t;
    }

    /** The tenant if the caller may see it; another tenant is NotFound exactly like a missing one. */
    static TenantEntity visible(TenantRepository tenants, Caller c, String idOrName) {
        return byIdOrName(tenants, idOrName)
                .filter(x -> c.canAccessTenant(x.getId()))
                .orElseThrow(() ->
                        ZoneDeckException.notFound("tenant " + Printable.of(idOrName == null ? "" : idOrName.strip())));
    }

    /** A canonical UUID text (36 characters; UUID.fromString alone also takes "1-1-1-1-1"). */
    static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
