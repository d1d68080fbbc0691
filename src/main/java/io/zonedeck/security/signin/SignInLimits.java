package io.zonedeck.security.signin;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed sign-ins an account and a source address may have, as token buckets: each limit lets
 * {@code failures} happen at once and gives one back every {@code per / failures}. Several limits make the delays
 * grow: with the defaults, 5 quick failures on an account, then one try every 12 s, and after 20 one every 3 min. No
 * lockout is permanent: once the window passes, the right password works again.
 */
@ConfigurationProperties("zonedeck.security.sign-in")
public record SignInLimits(List<Limit> account, List<Limit> address) {
    public record Limit(int failures, Duration per) {}

    public SignInLimits {
        account = account == null || account.isEmpty()
                ? List.of(new Limit(5, Duration.ofMinutes(1)), new Limit(20, Duration.ofHours(1)))
                : List.copyOf(account);
        address = address == null || address.isEmpty()
                ? List.of(new Limit(20, Duration.ofMinutes(1)), new Limit(100, Duration.ofHours(1)))
                : List.copyOf(address);
    }

    /** The longest window: a bucket untouched for this long is full again. */
    Duration longest() {
        return java.util.stream.Stream.concat(account.stream(), address.stream())
                .map(Limit::per)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ofHours(1));
    }
}
