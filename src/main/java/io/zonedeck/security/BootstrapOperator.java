package io.zonedeck.security;

import io.zonedeck.security.internal.UserRepository;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, an empty database gets one operator so that someone can sign in: the password comes from
 * {@code zonedeck.bootstrap.operator-password} (ZONEDECK_BOOTSTRAP_OPERATOR_PASSWORD) or is generated and
 * printed once.
 */
@Component
@Profile("!demo")
class BootstrapOperator implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapOperator.class);
    private final UserRepository users;
    private final UserService service;
    private final String password;

    BootstrapOperator(
            UserRepository users,
            UserService service,
            @Value("${zonedeck.bootstrap.operator-password:}") String password) {
        this.users = users;
        this.service = service;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String pw = password;
        if (pw.isBlank()) {
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            pw = HexFormat.of().formatHex(b);
            log.warn("No users yet: created user 'operator' with generated password {} (change it)", pw);
        } else {
            log.info("No users yet: created user 'operator' with the configured bootstrap password");
        }
        service.create("operator", pw, Roles.OPERATOR, null);
    }
}
