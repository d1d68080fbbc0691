package io.zonedeck.security;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.OptionalLong;

/**
 * RFC 6238 codes as authenticator apps make them: HMAC-SHA1, 6 digits, 30 s steps. A code is accepted for the
 * current step or one step either side (clock drift), and only for a step later than the last one accepted, so a
 * code seen once cannot be replayed.
 */
final class TotpCodes {
    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private TotpCodes() {}

    static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, PERIOD_SECONDS);
    }

    /** The step {@code code} belongs to, if it is right for {@code now} and later than {@code lastStep}. */
    static OptionalLong accept(String secret, String code, long nowStep, Long lastStep) {
        if (secret == null || code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        for (long s = nowStep - 1; s <= nowStep + 1; s++) {
            if (lastStep != null && s <= lastStep) {
                continue;
            }
            if (MessageDigest.isEqual(
                    generate(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    static String generate(String secret, long step) {
        try {
            return CODES.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("TOTP: " + e.getMessage(), e);
        }
    }
}
