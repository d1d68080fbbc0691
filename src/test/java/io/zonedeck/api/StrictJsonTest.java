package io.zonedeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.PackageRequest;
import io.zonedeck.tenancy.Quota;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** The strict JSON policy on the application's mapper (as Spring Boot builds it), with the API's real bodies. */
class StrictJsonTest {
    final ObjectMapper json = StrictJson.apply(
            Jackson2ObjectMapperBuilder.json().modules(new StorableJson()).build());

    /** The field-level errors reading {@code body} as {@code type} gives; empty when it is read. */
    List<FieldProblem> problems(String body, Class<?> type) {
        try {
            json.readValue(body, type);
            return List.of();
        } catch (Exception e) {
            return StrictJson.problems(e);
        }
    }

    FieldProblem problem(String body, Class<?> type) {
        List<FieldProblem> p = problems(body, type);
        assertThat(p).as(body).hasSize(1);
        return p.get(0);
    }

    @Test
    void a_valid_create_body_is_read() throws Exception {
        MachinesController.CreateBody b = json.readValue(
                "{\"name\":\"web-1\",\"brand\":\"joyent\",\"package\":\"g1-nano\",\"networks\":[{\"network\":\"n\","
                        + "\"primary\":true}],\"tags\":{\"role\":\"web\"},\"metadata\":{\"user-script\":\"#!/bin/sh\\n"
                        + "echo hi\\r\\n\"}}",
                MachinesController.CreateBody.class);
        assertThat(b.name()).isEqualTo("web-1");
        assertThat(b.pkg()).isEqualTo("g1-nano");
        assertThat(b.networks().get(0).primary()).isTrue();
        assertThat(b.metadata()).containsEntry("user-script", "#!/bin/sh\necho hi\r\n");
    }

    @Test
    void an_unknown_property_is_refused_naming_it_and_the_known_ones() {
        FieldProblem p = problem("{\"name\":\"a\",\"ramMib\":5}", PackageRequest.class);
        assertThat(p.field()).isEqualTo("ramMib");
        assertThat(p.code()).isEqualTo("UnknownProperty");
        assertThat(p.message()).contains("ramMiB", "name");
        assertThat(problem("{\"\":1}", PackageRequest.class).field()).isEqualTo("\"\"");
        assertThat(problem("{\"\":1,\"\":2}", MachinesController.MetadataBody.class)
                        .field())
                .isEqualTo("\"\"");
        assertThat(problem("{\"networks\":[{\"network\":\"n\",\"vlan\":3}]}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("networks.0.vlan");
    }

    @Test
    void numbers_and_booleans_are_not_text_and_text_is_not_a_number_or_boolean() {
        for (String v : List.of("123", "1.5", "true", "false")) {
            assertThat(problem("{\"name\":" + v + "}", MachinesController.NameBody.class))
                    .extracting(FieldProblem::field, FieldProblem::message)
                    .containsExactly("name", "Expected a string");
        }
        for (String v : List.of("\"10\"", "\"\"", "true", "1.5", "1e2", "[10]", "{}")) {
            assertThat(problem("{\"ramMiB\":" + v + "}", PackageRequest.class).field())
                    .as(v)
                    .isEqualTo("ramMiB");
        }
        assertThat(problem("{\"networks\":[{\"network\":\"n\",\"primary\":1}]}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("networks.0.primary");
        assertThat(problem(
                                "{\"networks\":[{\"network\":\"n\",\"primary\":\"true\"}]}",
                                MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("networks.0.primary");
        assertThat(problem("{\"tags\":{\"role\":7}}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("tags.role");
        assertThat(problem("{\"uuid\":7}", MachinesController.CreateBody.class).field())
                .isEqualTo("uuid");
    }

    @Test
    void a_scalar_is_not_an_object_or_a_list() {
        assertThat(problem("{\"tags\":\"role=web\"}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("tags");
        assertThat(problem("{\"networks\":\"demo-public\"}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("networks");
        assertThat(problem("{\"networks\":[\"demo-public\"]}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("networks.0");
        assertThat(problem("[]", MachinesController.NameBody.class).field()).isEqualTo("body");
        assertThat(problem("\"x\"", MachinesController.NameBody.class).field()).isEqualTo("body");
        assertThat(problem("7", Quota.class).field()).isEqualTo("body");
    }

    @Test
    void a_duplicate_key_is_refused_naming_it_at_any_depth() {
        FieldProblem top = problem("{\"name\":\"a\",\"name\":\"b\"}", MachinesController.NameBody.class);
        assertThat(top.field()).isEqualTo("name");
        assertThat(top.code()).isEqualTo("Duplicate");
        assertThat(problem("{\"tags\":{\"a\":\"1\",\"a\":\"2\"}}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("tags.a");
        assertThat(problem("{\"a\":\"1\",\"a\":\"2\"}", MachinesController.MetadataBody.class)
                        .code())
                .isEqualTo("Duplicate");
    }

    @Test
    void fractions_are_not_whole_numbers_and_null_is_no_primitive() {
        assertThat(problem("{\"machines\":1.5}", Quota.class).field()).isEqualTo("machines");
        assertThat(problem("{\"machines\":1.0}", Quota.class).field()).isEqualTo("machines");
        assertThat(problem("{\"machines\":99999999999999999999999}", Quota.class)
                        .field())
                .isEqualTo("machines");
        assertThat(problems("{\"machines\":null}", Quota.class)).isEmpty();
    }

    @Test
    void line_breaks_and_control_characters_are_refused_in_single_line_text_and_every_key() {
        for (String bad : List.of("\\n", "\\r", "\\t", "\\u001b", "\\u0000", "\\u007f", "\\ud800")) {
            assertThat(problem("{\"name\":\"a" + bad + "b\"}", MachinesController.NameBody.class)
                            .field())
                    .as(bad)
                    .isEqualTo("name");
            assertThat(problem("{\"tags\":{\"role\":\"a" + bad + "\"}}", MachinesController.CreateBody.class)
                            .field())
                    .as(bad)
                    .isEqualTo("tags.role");
            assertThat(problems("{\"metadata\":{\"k" + bad + "\":\"v\"}}", MachinesController.CreateBody.class))
                    .as(bad)
                    .isNotEmpty();
            assertThat(problems("{\"k" + bad + "\":\"v\"}", MachinesController.MetadataBody.class))
                    .as(bad)
                    .isNotEmpty();
        }
    }

    @Test
    void metadata_values_a_reason_and_a_note_may_span_lines_but_never_hold_nul_or_escape_codes() throws Exception {
        assertThat(json.readValue("{\"user-script\":\"a\\nb\\r\\n\\tc\"}", MachinesController.MetadataBody.class))
                .containsEntry("user-script", "a\nb\r\n\tc");
        assertThat(json.readValue("{\"reason\":\"two\\nlines\"}", QuotaRequestsController.RaiseBody.class)
                        .reason())
                .isEqualTo("two\nlines");
        assertThat(json.readValue("{\"note\":\"two\\nlines\"}", QuotaRequestsController.DecisionBody.class)
                        .note())
                .isEqualTo("two\nlines");
        assertThat(problem("{\"k\":\"a\\u0000\"}", MachinesController.MetadataBody.class)
                        .field())
                .isEqualTo("k");
        assertThat(problem("{\"k\":\"a\\u001b[2J\"}", MachinesController.MetadataBody.class)
                        .field())
                .isEqualTo("k");
        assertThat(problem("{\"metadata\":{\"k\":\"\\u0007\"}}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("metadata.k");
        // the multi-line allowance is the property's, not the type's: a tag value stays one line
        assertThat(problem("{\"tags\":{\"k\":\"a\\nb\"}}", MachinesController.CreateBody.class)
                        .field())
                .isEqualTo("tags.k");
        assertThat(problem("{\"limit\":\"ram\\nMiB\"}", QuotaRequestsController.RaiseBody.class)
                        .field())
                .isEqualTo("limit");
    }

    @Test
    void trailing_data_is_refused() {
        assertThat(problem("{\"name\":\"a\"} {\"name\":\"b\"}", MachinesController.NameBody.class)
                        .field())
                .isEqualTo("body");
    }

    @Test
    void malformed_json_and_over_long_or_deep_bodies_are_field_errors() {
        assertThat(problem("{\"name\":", MachinesController.NameBody.class).code())
                .isEqualTo("Invalid");
        assertThat(problem("{name:1}", MachinesController.NameBody.class).code())
                .isEqualTo("Invalid");
        String tooLong = "x".repeat(StrictJson.MAX_STRING + 1);
        FieldProblem longOne = problem("{\"name\":\"" + tooLong + "\"}", MachinesController.NameBody.class);
        assertThat(longOne.field()).isEqualTo("name");
        assertThat(longOne.code()).isEqualTo("TooLong");
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(problem("{\"networks\":" + deep + "}", MachinesController.CreateBody.class)
                        .code())
                .isIn("TooLong", "Invalid");
    }

    @Test
    void the_policy_leaves_writing_alone() throws Exception {
        assertThat(json.writeValueAsString(Map.of("a", 1))).isEqualTo("{\"a\":1}");
    }
}
