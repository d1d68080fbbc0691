package io.zonedeck;

import io.zonedeck.audit.AuditDirectory;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.UserService;
import io.zonedeck.security.ZoneDeckUser;
import io.zonedeck.tenancy.TenantService;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Tells the audit log who is calling and what tenants are called. It lives in the application's root package,
 * which assembles the features: every feature depends on audit (it carries {@code @Audited}), so audit itself
 * may depend on none of them (see docs/decisions/005-audit-log.md).
 */
@Configuration(proxyBeanMethods = false)
class AuditWiring {
    @Bean
    AuditDirectory auditDirectory(CurrentCaller callers, UserService users, TenantService tenants) {
        return new AuditDirectory() {
            @Override
            public Optional<Actor> current() {
                try {
                    return Optional.of(actor(callers.get()));
                } catch (AuthenticationException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<Actor> user(String username) {
                try {
                    UserDetails u = users.loadUserByUsername(username);
                    return u instanceof ZoneDeckUser z ? Optional.of(actor(z.caller())) : Optional.empty();
                } catch (AuthenticationException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Map<UUID, String> tenantNames() {
                return tenants.names();
            }
        };
    }

    private static AuditDirectory.Actor actor(Caller c) {
        return new AuditDirectory.Actor(c.userId(), c.username(), c.tenantId(), c.isOperator());
    }
}
