package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {
    private static List<FieldProblem> check(String user, String password) {
        FieldProblems p = new FieldProblems();
        PasswordRules.check(user, password, "password", p);
        return p.list();
    }

    @Test
    void twelve_characters_without_the_user_name_pass() {
        assertThat(check("carol", "correct horse")).isEmpty();
        assertThat(check("carol", "abcdefghijkl")).isEmpty();
    }

    @Test
    void fewer_than_twelve_characters_are_refused() {
        assertThat(check("carol", "abcdefghijk"))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at least 12"));
        // twelve characters, counted as characters and not as UTF-16 units or bytes
        assertThat(check("carol", "äöüäöüäöüäöü")).isEmpty();
        assertThat(check("carol", "😀😀😀😀😀😀")).isNotEmpty();
    }

    @Test
    void a_password_containing_the_user_name_in_any_case_is_refused() {
        assertThat(check("carol", "my-CAROL-password")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("password");
            assertThat(p.message()).contains("user name");
        });
    }

    @Test
    void a_missing_password_and_one_beyond_bcrypts_72_bytes_are_refused() {
        assertThat(check("carol", null))
                .singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("MissingParameter"));
        assertThat(check("carol", "")).hasSize(1);
        assertThat(check("carol", "x".repeat(72))).isEmpty();
        assertThat(check("carol", "x".repeat(73)))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("72 bytes"));
    }
}
