package io.zonedeck.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Web consoles ({@code zonedeck.console.*}).
 *
 * @param idleTimeout a console without input for this long is closed (default 15 minutes)
 * @param maxPerMachine consoles of one machine open at once, over all users and instances (default 4)
 * @param ticketLifetime how long a console ticket can be redeemed (default 60 seconds)
 */
@ConfigurationProperties("zonedeck.console")
public record ConsoleProperties(Duration idleTimeout, Integer maxPerMachine, Duration ticketLifetime) {
    public ConsoleProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(15) : idleTimeout;
        maxPerMachine = maxPerMachine == null ? 4 : maxPerMachine;
        ticketLifetime = ticketLifetime == null ? Duration.ofSeconds(60) : ticketLifetime;
    }
}
