package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B vectors (SHA-1, last 6 digits), drift of one step, replay refused. */
class TotpCodesTest {
    /** "12345678901234567890" in base32, the RFC's SHA-1 seed. */
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void codes_match_the_rfc_vectors() {
        assertThat(TotpCodes.generate(RFC_SECRET, TotpCodes.step(59))).isEqualTo("287082");
        assertThat(TotpCodes.generate(RFC_SECRET, TotpCodes.step(1111111109))).isEqualTo("081804");
        assertThat(TotpCodes.generate(RFC_SECRET, TotpCodes.step(1234567890))).isEqualTo("005924");
        assertThat(TotpCodes.generate(RFC_SECRET, TotpCodes.step(2000000000))).isEqualTo("279037");
    }

    @Test
    void a_code_is_good_one_step_either_side_and_only_once() {
        long now = TotpCodes.step(1111111109);
        String code = TotpCodes.generate(RFC_SECRET, now);
        assertThat(TotpCodes.accept(RFC_SECRET, code, now, null)).hasValue(now);
        assertThat(TotpCodes.accept(RFC_SECRET, code, now + 1, null)).hasValue(now);
        assertThat(TotpCodes.accept(RFC_SECRET, code, now - 1, null)).hasValue(now);
        assertThat(TotpCodes.accept(RFC_SECRET, code, now + 2, null)).isEmpty();
        // used for this step: the same code again is refused, the next step's code is not
        assertThat(TotpCodes.accept(RFC_SECRET, code, now, now)).isEmpty();
        assertThat(TotpCodes.accept(RFC_SECRET, TotpCodes.generate(RFC_SECRET, now + 1), now, now))
                .hasValue(now + 1);
    }

    @Test
    void malformed_codes_are_refused() {
        long now = TotpCodes.step(59);
        assertThat(TotpCodes.accept(RFC_SECRET, "28708", now, null)).isEmpty();
        assertThat(TotpCodes.accept(RFC_SECRET, "2870820", now, null)).isEmpty();
        assertThat(TotpCodes.accept(RFC_SECRET, "28708a", now, null)).isEmpty();
        assertThat(TotpCodes.accept(RFC_SECRET, null, now, null)).isEmpty();
        assertThat(TotpCodes.accept(null, "287082", now, null)).isEmpty();
    }
}
