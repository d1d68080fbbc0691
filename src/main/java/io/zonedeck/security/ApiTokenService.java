package io.zonedeck.security;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.internal.ApiTokenEntity;
import io.zonedeck.security.internal.ApiTokenRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for REST ({@code Authorization: Bearer zdt_…}): a user creates, lists and revokes their own
 * (another user's token id is NotFound like a missing one). Only the token's SHA-256 is stored — the token has 256
 * random bits, so a fast hash is safe and keeps every request cheap; the token itself is shown once. A token acts
 * as its owner with the owner's current role, never more, and stops working when it expires, is revoked, or its
 * owner or their tenant is disabled.
 */
@Service
public class ApiTokenService {
    public static final String PREFIX = "zdt_";
    public static final int MAX_TOKENS = 50;
    public static final int MAX_DAYS = 366;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final JdbcTemplate jdbc;
    private final CurrentCaller caller;
    private final TwoFactorService twoFactor;
    private final Clock clock;

    ApiTokenService(
            ApiTokenRepository tokens,
            JdbcTemplate jdbc,
            CurrentCaller caller,
            TwoFactorService twoFactor,
            Clock clock) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.caller = caller;
        this.twoFactor = twoFactor;
        this.clock = clock;
    }

    /** A token to create: a name, a scope, and days until it expires (null: never). */
    public record NewToken(String name, ApiTokenScope scope, Integer expiresInDays) {}

    /** The caller's live tokens (not revoked; expired ones are listed until revoked, so their owner sees why). */
    @Transactional(readOnly = true)
    public List<ApiToken> mine() {
        return tokens
                .findByUserIdAndRevokedAtIsNullOrderByCreatedAtAsc(caller.get().userId())
                .stream()
                .map(ApiTokenService::toRecord)
                .toList();
    }

    @Transactional
    @Audited("token.create")
    public ApiToken.Created create(NewToken request) {
        Caller c = caller.get();
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication) {
            throw new ZoneDeckException(
                    "NotAuthorized", 403, "tokens are created by a signed-in user, not by another token", List.of());
        }
        if (twoFactor.mustEnrol(c.userId())) {
            throw new ZoneDeckException(
                    "NotAuthorized", 403, "set up two-factor sign-in before creating tokens", List.of());
        }
        FieldProblems p = new FieldProblems();
        String name =
                request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            p.add("name", FieldProblems.MISSING, "Give the token a name, e.g. ci-deploy");
        } else if (name.length() > 64 || name.codePoints().anyMatch(Character::isISOControl)) {
            p.add("name", FieldProblems.INVALID, "Use at most 64 characters without control characters");
        } else if (tokens.existsByUserIdAndNameAndRevokedAtIsNull(c.userId(), name)) {
            p.add("name", FieldProblems.DUPLICATE, "You already have a token named " + name);
        }
        if (request == null || request.scope() == null) {
            p.add("scope", FieldProblems.MISSING, "Choose READ_ONLY or READ_WRITE");
        }
        Integer days = request == null ? null : request.expiresInDays();
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            p.add("expiresInDays", FieldProblems.INVALID, "Between 1 and " + MAX_DAYS + " days, or none");
        }
        if (p.list().isEmpty() && tokens.countByUserIdAndRevokedAtIsNull(c.userId()) >= MAX_TOKENS) {
            p.add("name", FieldProblems.INVALID, "At most " + MAX_TOKENS + " tokens: revoke one first");
        }
        p.throwIfAny();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ApiTokenEntity e = new ApiTokenEntity();
        e.id = UUID.randomUUID();
        e.userId = c.userId();
        e.name = name;
        e.scope = request.scope().name();
        e.tokenHash = hash(token);
        e.prefix = token.substring(0, PREFIX.length() + 6);
        e.createdAt = now;
        e.expiresAt = days == null ? null : now.plus(Duration.ofDays(days));
        return new ApiToken.Created(token, toRecord(tokens.save(e)));
    }

    /** Revokes one of the caller's tokens at once: the next request with it is refused. */
    @Transactional
    @Audited("token.revoke")
    public void revoke(UUID id) {
        ApiTokenEntity e = tokens.findByIdAndUserIdAndRevokedAtIsNull(
                        id, caller.get().userId())
                .orElseThrow(() -> ZoneDeckException.notFound("token " + id));
        e.revokedAt = clock.instant();
    }

    /** A verified bearer token: its owner and scope. */
    public record Bearer(ZoneDeckUser user, ApiTokenScope scope) {}

    /**
     * The owner of a live token, or empty for anything else (unknown, revoked, expired, owner or their tenant
     * disabled): one indexed query on every request, no transaction, and a write at most once a minute.
     */
    public Optional<Bearer> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Live> found = jdbc.query(
                "select t.id, t.scope, t.expires_at, t.last_used_at, u.id, u.username, u.role, u.tenant_id"
                        + " from api_token t join app_user u on u.id = t.user_id"
                        + " left join tenant n on n.id = u.tenant_id"
                        + " where t.token_hash = ? and t.revoked_at is null and u.enabled = true"
                        + " and (u.tenant_id is null or n.enabled = true)",
                (rs, n) -> new Live(
                        rs.getObject(1, UUID.class),
                        ApiTokenScope.valueOf(rs.getString(2)),
                        instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)),
                        new Caller(
                                rs.getObject(5, UUID.class),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getObject(8, UUID.class))),
                hash(token));
        if (found.isEmpty()
                || (found.get(0).expiresAt() != null
                        && !found.get(0).expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        Live t = found.get(0);
        if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
            jdbc.update(
                    "update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                    java.sql.Timestamp.from(now),
                    t.id(),
                    java.sql.Timestamp.from(now.minus(TOUCH_EVERY)));
        }
        return Optional.of(new Bearer(new ZoneDeckUser(t.owner(), "", true), t.scope()));
    }

    private record Live(UUID id, ApiTokenScope scope, Instant expiresAt, Instant lastUsedAt, Caller owner) {}

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    private static ApiToken toRecord(ApiTokenEntity e) {
        return new ApiToken(
                e.id, e.name, ApiTokenScope.valueOf(e.scope), e.prefix, e.createdAt, e.expiresAt, e.lastUsedAt);
    }
}
