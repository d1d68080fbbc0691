package io.zonedeck.tenancy;

import java.util.UUID;

/** A tenant; a disabled one's users cannot sign in (its machines keep running). */
public record Tenant(UUID id, String name, String displayName, boolean enabled) {
    public Tenant(UUID id, String name, String displayName) {
        this(id, name, displayName, true);
    }
}
