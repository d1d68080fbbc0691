package io.zonedeck.security;

import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.internal.UserEntity;
import io.zonedeck.security.internal.UserRepository;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). A user sets it up on their
 * account page (a QR code, or the secret typed in), confirms it with a first code and gets ten one-time recovery
 * codes; from then on the login form asks for a code (or a recovery code) after the password, and HTTP Basic on REST
 * is refused for them (scripts use API tokens). It can be made mandatory for operators ({@code
 * zonedeck.security.two-factor.required-for-operators}) and per tenant; a user it is mandatory for cannot turn it
 * off, and until they set it up the portal shows them only their account page.
 */
@Service
public class TwoFactorService {
    static final int RECOVERY_CODES = 10;

    private final UserRepository users;
    private final TenantStates tenants;
    private final CurrentCaller caller;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean requiredForOperators;

    TwoFactorService(
            UserRepository users,
            TenantStates tenants,
            CurrentCaller caller,
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${zonedeck.security.two-factor.required-for-operators:false}") boolean requiredForOperators) {
        this.users = users;
        this.tenants = tenants;
        this.caller = caller;
        this.jdbc = jdbc;
        this.clock = clock;
        this.requiredForOperators = requiredForOperators;
    }

    /** Where the caller stands: on or off, whether it is mandatory for them, recovery codes left. */
    public record Status(boolean enabled, boolean required, int recoveryCodesLeft) {}

    /** A secret to set up in the app: as a QR code (a PNG data URI) or typed in. */
    public record Enrolment(String secret, String otpauthUri, String qrDataUri) {}

    @Transactional(readOnly = true)
    public Status status() {
        UserEntity u = me();
        return new Status(u.getTotpEnabledAt() != null, required(u), recoveryCodesLeft(u.getId()));
    }

    /** True when the user must use two-factor sign-in but has not set it up yet. */
    @Transactional(readOnly = true)
    public boolean mustEnrol(UUID userId) {
        return users.findById(userId)
                .map(u -> u.getTotpEnabledAt() == null && required(u))
                .orElse(false);
    }

    /** A new secret for the caller, pending until {@link #confirm}; replaces a pending one, not an active one. */
    @Transactional
    public Enrolment begin() {
        UserEntity u = me();
        if (u.getTotpEnabledAt() != null) {
            throw new ZoneDeckException("Conflict", 409, "two-factor sign-in is already on", List.of());
        }
        String secret = new DefaultSecretGenerator(32).generate();
        u.setTotpSecret(secret);
        QrData data = new QrData.Builder()
                .label(u.getUsername())
                .secret(secret)
                .issuer("ZoneDeck")
                .digits(TotpCodes.DIGITS)
                .period(TotpCodes.PERIOD_SECONDS)
                .build();
        ZxingPngQrGenerator png = new ZxingPngQrGenerator();
        png.setImageSize(220);
        try {
            return new Enrolment(
                    secret, data.getUri(), Utils.getDataUriForImage(png.generate(data), png.getImageMimeType()));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code: " + e.getMessage(), e);
        }
    }

    /** Turns two-factor sign-in on with a first code from the app; answers the recovery codes, shown this once. */
    @Transactional
    @Audited("twofactor.enable")
    public List<String> confirm(String code) {
        UserEntity u = me();
        if (u.getTotpSecret() == null || u.getTotpEnabledAt() != null) {
            throw ZoneDeckException.invalid(List.of(
                    new ZoneDeckException.FieldProblem("code", FieldProblems.INVALID, "Start the set-up first")));
        }
        OptionalLong step = TotpCodes.accept(u.getTotpSecret(), clean(code), nowStep(), null);
        if (step.isEmpty()) {
            throw wrongCode();
        }
        u.enableTotp(clock.instant(), step.getAsLong());
        return newRecoveryCodes(u.getId());
    }

    /** Turns it off with a current code or a recovery code; refused where it is mandatory. */
    @Transactional
    @Audited("twofactor.disable")
    public void disable(String code) {
        UserEntity u = me();
        if (u.getTotpEnabledAt() == null) {
            return;
        }
        if (required(u)) {
            throw new ZoneDeckException(
                    "NotAuthorized", 403, "two-factor sign-in is mandatory for your account", List.of());
        }
        if (!verify(u, code)) {
            throw wrongCode();
        }
        u.setTotpSecret(null);
        jdbc.update("delete from recovery_code where user_id = ?", u.getId());
    }

    /** Where a user signing in stands with two-factor sign-in: one read per sign-in. */
    public enum SignInFactor {
        /** Off and not required: the password is enough. */
        OFF,
        /** On: the login form's code is checked. */
        ON,
        /** Required but not set up yet: only the login form lets the user in (to set it up). */
        MUST_ENROL
    }

    @Transactional(readOnly = true)
    public SignInFactor signInFactor(UUID userId) {
        return users.findById(userId)
                .map(u -> u.getTotpEnabledAt() != null
                        ? SignInFactor.ON
                        : required(u) ? SignInFactor.MUST_ENROL : SignInFactor.OFF)
                .orElse(SignInFactor.OFF);
    }

    /** The second factor at sign-in: a code for a new time step, or an unused recovery code (then used up). */
    @Transactional
    public boolean verifySignIn(UUID userId, String code) {
        return users.findById(userId).map(u -> verify(u, code)).orElse(false);
    }

    private boolean verify(UserEntity u, String code) {
        String c = clean(code);
        OptionalLong step = TotpCodes.accept(u.getTotpSecret(), c, nowStep(), u.getTotpLastStep());
        if (step.isPresent()) {
            u.setTotpLastStep(step.getAsLong());
            return true;
        }
        return c.length() > TotpCodes.DIGITS
                && jdbc.update(
                                "delete from recovery_code where user_id = ? and code_hash = ?",
                                u.getId(),
                                ApiTokenService.hash(c.toLowerCase(Locale.ROOT)))
                        == 1;
    }

    private List<String> newRecoveryCodes(UUID userId) {
        jdbc.update("delete from recovery_code where user_id = ?", userId);
        List<String> codes = Arrays.asList(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        for (String code : codes) {
            jdbc.update(
                    "insert into recovery_code (user_id, code_hash) values (?, ?)",
                    userId,
                    ApiTokenService.hash(code.replace("-", "").toLowerCase(Locale.ROOT)));
        }
        return codes;
    }

    private int recoveryCodesLeft(UUID userId) {
        Integer n = jdbc.queryForObject("select count(*) from recovery_code where user_id = ?", Integer.class, userId);
        return n == null ? 0 : n;
    }

    private boolean required(UserEntity u) {
        return (requiredForOperators && Roles.OPERATOR.equals(u.getRole()))
                || (u.getTenantId() != null && tenants.requiresTwoFactor(u.getTenantId()));
    }

    private UserEntity me() {
        return users.findById(caller.get().userId())
                .orElseThrow(
                        () -> ZoneDeckException.notFound("user " + caller.get().username()));
    }

    private long nowStep() {
        return TotpCodes.step(clock.instant().getEpochSecond());
    }

    /** Codes as people type them: spaces and dashes left out. */
    private static String clean(String code) {
        return code == null ? "" : code.replace(" ", "").replace("-", "").strip();
    }

    private static ZoneDeckException wrongCode() {
        return ZoneDeckException.invalid(List.of(new ZoneDeckException.FieldProblem(
                "code", FieldProblems.INVALID, "That code is not right: use the current code from your app")));
    }
}
