package io.zonedeck.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The authenticated principal: a Spring user that knows its ZoneDeck id, role and tenant. */
public class ZoneDeckUser extends User {
    private final Caller caller;

    public ZoneDeckUser(Caller caller, String passwordHash, boolean enabled) {
        super(
                caller.username(),
                passwordHash,
                enabled,
                true,
                true,
                true,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role())));
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    public static ZoneDeckUser of(UUID id, String name, String role, UUID tenant) {
        return new ZoneDeckUser(new Caller(id, name, role, tenant), "", true);
    }
}
