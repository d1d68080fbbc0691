package io.zonedeck.security.signin;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in attempts per account and per source address in database-backed token buckets. An attempt takes a
 * token from both buckets before the credential is checked (so a throttled attacker costs no password hash), and
 * a successful one gives them back: only failures count. An address is checked first, so an address that is
 * throttled adds no rows for the accounts it tries.
 */
@Component
public class SignInThrottle {
    private final JdbcBuckets buckets;
    private final BucketConfiguration account;
    private final BucketConfiguration address;

    SignInThrottle(DataSource dataSource, Clock clock, SignInLimits limits) {
        this.buckets = new JdbcBuckets(dataSource, clock, limits.longest());
        this.account = configuration(limits.account());
        this.address = configuration(limits.address());
    }

    /** An attempt let through: {@link #succeeded} gives its tokens back. */
    public record Admission(List<BucketProxy> taken) {}

    /** Takes a failure token for the address and the account, or throws {@link SignInThrottled}. */
    public Admission admit(String username, String remoteAddress) {
        BucketProxy byAddress = buckets.getProxy("address:" + key(remoteAddress), () -> address);
        ConsumptionProbe a = byAddress.tryConsumeAndReturnRemaining(1);
        if (!a.isConsumed()) {
            throw new SignInThrottled(Duration.ofNanos(a.getNanosToWaitForRefill()));
        }
        BucketProxy byAccount = buckets.getProxy("account:" + key(username), () -> account);
        ConsumptionProbe u = byAccount.tryConsumeAndReturnRemaining(1);
        if (!u.isConsumed()) {
            byAddress.addTokens(1); // refused for the account's sake: the address did not fail
            throw new SignInThrottled(Duration.ofNanos(u.getNanosToWaitForRefill()));
        }
        return new Admission(List.of(byAddress, byAccount));
    }

    /** A bearer token that is not live: counts as a failure of the address (tokens are not guessed per account). */
    public void failedToken(String remoteAddress) {
        ConsumptionProbe a =
                buckets.getProxy("address:" + key(remoteAddress), () -> address).tryConsumeAndReturnRemaining(1);
        if (!a.isConsumed()) {
            throw new SignInThrottled(Duration.ofNanos(a.getNanosToWaitForRefill()));
        }
    }

    /** The credential was right: the attempt does not count. */
    public void succeeded(Admission admission) {
        admission.taken().forEach(b -> b.addTokens(1));
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
    void removeFullBuckets() {
        buckets.removeExpired();
    }

    private static BucketConfiguration configuration(List<SignInLimits.Limit> limits) {
        var builder = BucketConfiguration.builder();
        for (SignInLimits.Limit l : limits) {
            builder.addLimit(b -> b.capacity(l.failures()).refillGreedy(l.failures(), l.per()));
        }
        return builder.build();
    }

    /** Names and addresses as keys of bounded length: long or odd ones by their SHA-256. */
    static String key(String raw) {
        String s = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (s.length() <= 64 && s.chars().allMatch(c -> c > 32 && c < 127)) {
            return s;
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
