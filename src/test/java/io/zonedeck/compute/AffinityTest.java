package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AffinityTest {
    final UUID id = UUID.randomUUID();
    final Affinity.Peer web = new Affinity.Peer(id, "web-01", Map.of("role", "web"), null);

    static List<Affinity> parse(String... rules) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Affinity> out = Affinity.parse(List.of(rules), problems);
        assertThat(problems).isEmpty();
        return out;
    }

    @Test
    void parses_triton_operators_hard_and_soft() {
        assertThat(parse("instance==web-01", "instance!=db", "role==~db", "container!=~x"))
                .extracting(Affinity::together, Affinity::soft)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(false, false),
                        org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, true));
        assertThat(parse(" instance != web-01 ").get(0).toString()).isEqualTo("instance!=web-01");
    }

    @Test
    void matches_names_uuids_globs_and_tags() {
        assertThat(parse("instance==web-01").get(0).matches(web)).isTrue();
        assertThat(parse("instance==web-*").get(0).matches(web)).isTrue();
        assertThat(parse("instance==we").get(0).matches(web)).isFalse();
        assertThat(parse("instance==" + id).get(0).matches(web)).isTrue();
        assertThat(parse("role==web").get(0).matches(web)).isTrue();
        assertThat(parse("role==db").get(0).matches(web)).isFalse();
        assertThat(parse("zone==a").get(0).matches(web)).isFalse();
        assertThat(parse("instance==web.01").get(0).matches(web))
                .as("dots are not wildcards")
                .isFalse();
    }

    @Test
    void malformed_rules_are_field_errors() {
        List<FieldProblem> problems = new ArrayList<>();
        Affinity.parse(List.of("instance", "==x", "a<>b", "ok==1"), problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("affinity.0", "affinity.1", "affinity.2");
        problems.clear();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("a==" + i);
        }
        Affinity.parse(many, problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("affinity");
    }
}
