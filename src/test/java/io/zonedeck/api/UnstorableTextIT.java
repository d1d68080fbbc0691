package io.zonedeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.internal.ImageEntity;
import io.zonedeck.catalog.internal.ImageRepository;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Text PostgreSQL cannot store (a NUL character) or no database can (half a UTF-16 surrogate pair) is refused with a
 * 4xx naming the field on every kind of body and parameter, and nothing is written; the entity guard catches what an
 * entry point forgot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class UnstorableTextIT extends RestTestBase {
    static final String NUL = "\\u0000";
    static final String LONE = "\\ud800";

    @Autowired
    ImageRepository images;

    @Test
    void nul_and_unpaired_surrogates_are_refused_naming_the_field_and_nothing_is_created() {
        int imagesBefore = count("operator", "/api/v1/images");
        int packagesBefore = count("operator", "/api/v1/packages");
        int machinesBefore = count("alice", "/api/v1/machines");
        for (String bad : new String[] {NUL, LONE}) {
            refused(
                    "operator",
                    "POST",
                    "/api/v1/images",
                    "{\"name\":\"img" + bad
                            + "\",\"version\":\"1\",\"os\":\"smartos\",\"brands\":[\"joyent\"],\"sizeMiB\":10}",
                    "name");
            refused(
                    "operator",
                    "POST",
                    "/api/v1/packages",
                    "{\"name\":\"pkg" + bad + "\",\"ramMiB\":256,\"diskGiB\":1,\"vcpus\":1}",
                    "name");
            refused(
                    "alice",
                    "POST",
                    "/api/v1/machines",
                    "{\"name\":\"ok-1\",\"brand\":\"joyent\",\"image\":\"base" + bad + "\",\"package\":\"g1-nano\"}",
                    "image");
            refused(
                    "alice",
                    "POST",
                    "/api/v1/machines",
                    "{\"name\":\"ok-1\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\","
                            + "\"tags\":{\"role\":\"x" + bad + "\"}}",
                    "tags.role");
            refused(
                    "alice",
                    "POST",
                    "/api/v1/machines",
                    "{\"name\":\"ok-1\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\","
                            + "\"metadata\":{\"k" + bad + "\":\"v\"}}",
                    "metadata");
        }
        HttpResponse<String> query = api.call(
                "alice", "GET", "/api/v1/machines?name=" + URLEncoder.encode("a\u0000b", StandardCharsets.UTF_8), null);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(Api.json(query).path("errors").get(0).path("field").asText()).isEqualTo("name");

        assertThat(count("operator", "/api/v1/images")).isEqualTo(imagesBefore);
        assertThat(count("operator", "/api/v1/packages")).isEqualTo(packagesBefore);
        assertThat(count("alice", "/api/v1/machines")).isEqualTo(machinesBefore);
    }

    @Test
    void the_entity_guard_refuses_what_an_entry_point_let_through_naming_the_property() {
        ImageEntity e = new ImageEntity();
        e.id = UUID.randomUUID();
        e.name = "guarded";
        e.version = "1\u0000";
        e.os = "smartos";
        e.brands = "joyent";
        assertThatThrownBy(() -> images.saveAndFlush(e))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        z -> assertThat(z.messageFor("version"))
                                .hasValueSatisfying(m -> assertThat(m).contains("NUL")));
        assertThat(images.findById(e.id)).isEmpty();
    }

    private void refused(String user, String method, String path, String body, String field) {
        HttpResponse<String> res = api.call(user, method, path, body);
        String what = method + " " + path + " " + body + " → " + res.statusCode() + " " + res.body();
        assertThat(res.statusCode()).as(what).isBetween(400, 422);
        JsonNode errors = Api.json(res).path("errors");
        assertThat(errors.size()).as(what).isPositive();
        assertThat(errors.get(0).path("field").asText()).as(what).isEqualTo(field);
        assertThat(errors.get(0).path("message").asText()).as(what).containsAnyOf("NUL", "UTF-16");
    }

    private int count(String user, String path) {
        return Api.json(api.call(user, "GET", path, null)).size();
    }
}
