package io.zonedeck.security.signin;

import io.github.bucket4j.BucketConfiguration;
import io.zonedeck.security.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per source address in database-backed token buckets (Bucket4j). Both are
 * checked before the credential (so a throttled attacker costs no password hash) by one unlocked read of when they
 * have a failure left; only failures take tokens, under the bucket row's lock.
 */
@Component
public class SignInThrottle {
    private final JdbcBuckets buckets;
    private final Clock clock;
    private final BucketConfiguration account;
    private final BucketConfiguration address;

    SignInThrottle(DataSource dataSource, Clock clock, SignInLimits limits) {
        this.buckets = new JdbcBuckets(dataSource, clock, limits.longest());
        this.clock = clock;
        this.account = configuration(limits.account());
        this.address = configuration(limits.address());
    }

    /** An attempt let through: {@link #failed} counts it against both buckets. */
    public record Admission(String addressKey, String accountKey) {}

    /**
     * Lets an attempt through unless the address or the account is blocked, else throws {@link SignInThrottled}: one
     * read without a lock, whatever happened before. Nothing is taken yet, so parallel right sign-ins of one account
     * (a script's 50 requests) are never throttled; parallel wrong ones all count when they fail, possibly below
     * zero, which only makes the wait longer.
     */
    public Admission admit(String username, String remoteAddress) {
        Admission a = new Admission("address:" + key(remoteAddress), "account:" + key(username));
        refuseIfBlocked(a.addressKey(), a.accountKey());
        return a;
    }

    /** The credential was wrong: one failure for the address and the account. */
    public void failed(Admission admission) {
        fail(admission.addressKey(), address);
        fail(admission.accountKey(), account);
    }

    /** One failure taken; when none is left, the moment one is back is written for the unlocked check. */
    private void fail(String key, BucketConfiguration configuration) {
        var bucket = buckets.getProxy(key, () -> configuration);
        bucket.consumeIgnoringRateLimits(1);
        var probe = bucket.estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            buckets.block(key, clock.millis() + (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000);
        }
    }

    /** A bearer token that is not live: a failure of the address (tokens are not guessed per account). */
    public void failedToken(String remoteAddress) {
        String key = "address:" + key(remoteAddress);
        refuseIfBlocked(key);
        fail(key, address);
    }

    private void refuseIfBlocked(String... keys) {
        long until = buckets.blockedUntil(keys);
        long now = clock.millis();
        if (until > now) {
            throw new SignInThrottled(Duration.ofMillis(until - now));
        }
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
        return "sha256:" + Sha256.hex(s);
    }
}
