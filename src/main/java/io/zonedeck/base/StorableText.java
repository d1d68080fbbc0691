package io.zonedeck.base;

import java.util.Optional;

/**
 * Text that both databases can store: PostgreSQL refuses a NUL character in text and neither stores half of a UTF-16
 * surrogate pair. Every entry point refuses such input with a field-level error before it reaches a query.
 */
public final class StorableText {
    private StorableText() {}

    /** Why {@code s} cannot be stored, or empty when it can (null can). */
    public static Optional<String> problem(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return Optional.of("Contains a NUL character, which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("Contains invalid UTF-16 (an unpaired surrogate), which cannot be stored");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("Contains invalid UTF-16 (an unpaired surrogate), which cannot be stored");
            }
        }
        return Optional.empty();
    }

    /** Throws a 422 naming {@code field} when {@code s} cannot be stored. */
    public static void require(String field, String s) {
        problem(s).ifPresent(p -> {
            throw ZoneDeckException.invalid(field, p);
        });
    }
}
