package io.zonedeck.security;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.internal.UserEntity;
import io.zonedeck.security.internal.UserRepository;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users in the database with BCrypt hashes. */
@Service
public class UserService implements UserDetailsService {
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserEntity u = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new ZoneDeckUser(
                new Caller(u.getId(), u.getUsername(), u.getRole(), u.getTenantId()),
                u.getPasswordHash(),
                u.isEnabled());
    }

    /** Creates a user (seeding and operator administration). */
    @Transactional
    @Audited("user.create")
    public UUID create(String username, String rawPassword, String role, UUID tenantId) {
        if (users.findByUsername(username).isPresent()) {
            throw ZoneDeckException.conflict("Duplicate", "user " + username + " already exists");
        }
        if (!Roles.OPERATOR.equals(role) && tenantId == null) {
            throw ZoneDeckException.invalid("tenant", "a tenant user needs a tenant");
        }
        UUID id = UUID.randomUUID();
        users.save(new UserEntity(id, username, encoder.encode(rawPassword), role, tenantId, clock.instant()));
        return id;
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }
}
