package io.zonedeck.security;

import io.zonedeck.base.FieldProblems;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rules for a new password (a new user's, or a change): at least 12 characters, at most 72 bytes (bcrypt reads no
 * more), and not containing the user name in any letter case. The demo and bootstrap users are seeded without them.
 */
public final class PasswordRules {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    private PasswordRules() {}

    /** Adds the password's problems to {@code problems} on {@code field}. */
    public static void check(String username, String password, String field, FieldProblems problems) {
        if (password == null || password.isEmpty()) {
            problems.add(field, FieldProblems.MISSING, "A password is required");
            return;
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add(field, FieldProblems.INVALID, "Use at least " + MIN_LENGTH + " characters");
            return;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add(field, FieldProblems.INVALID, "Use at most " + MAX_BYTES + " bytes (bcrypt reads no more)");
            return;
        }
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && password.toLowerCase(Locale.ROOT).contains(name)) {
            problems.add(field, FieldProblems.INVALID, "The password must not contain the user name");
        }
    }
}
