package io.zonedeck.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {
    @Test
    void nul_and_unpaired_surrogates_are_problems_and_everything_else_is_storable() {
        assertThat(StorableText.problem(null)).isEmpty();
        assertThat(StorableText.problem("")).isEmpty();
        assertThat(StorableText.problem("ünïcode ✓ 😀 tab\tline\n")).isEmpty();
        assertThat(StorableText.problem("a\u0000b"))
                .hasValueSatisfying(m -> assertThat(m).contains("NUL"));
        assertThat(StorableText.problem("x\ud800"))
                .hasValueSatisfying(m -> assertThat(m).contains("UTF-16"));
        assertThat(StorableText.problem("\udc00x"))
                .hasValueSatisfying(m -> assertThat(m).contains("UTF-16"));
        assertThat(StorableText.problem("\ud83d\ud83d\ude00")).isPresent(); // a high surrogate followed by a pair
        assertThat(StorableText.problem("😀")).isEmpty();
    }
}
