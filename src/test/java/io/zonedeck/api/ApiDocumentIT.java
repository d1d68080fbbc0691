package io.zonedeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The OpenAPI document clients generate code from: both authentication schemes, a summary and the error shape on
 * every operation, typed bodies, and Redocly's recommended rules without an error or a warning (the build installs
 * Redocly CLI into target/redocly; see pom.xml and redocly.yaml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ApiDocumentIT extends RestTestBase {
    static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

    JsonNode document() {
        HttpResponse<String> res = api.call(null, "GET", "/v3/api-docs", null);
        assertThat(res.statusCode()).isEqualTo(200);
        return Api.json(res);
    }

    @Test
    void every_operation_has_a_summary_security_and_documented_errors_and_every_body_is_typed() {
        JsonNode doc = document();
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/bearer/bearerFormat").asText())
                .isEqualTo("zonedeck-token");
        assertThat(doc.path("security").size()).isEqualTo(2);
        assertThat(doc.at("/components/schemas/ApiError/properties").has("errors"))
                .isTrue();
        int operations = 0;
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            var p = path.next();
            for (String m : METHODS) {
                JsonNode op = p.getValue().path(m);
                if (op.isMissingNode()) {
                    continue;
                }
                operations++;
                String what = m + " " + p.getKey();
                assertThat(op.path("summary").asText()).as(what).isNotBlank();
                for (String status : List.of("400", "401", "403")) {
                    assertThat(op.at("/responses/" + status + "/content/application~1json/schema/$ref")
                                    .asText())
                            .as(what + " " + status)
                            .isEqualTo("#/components/schemas/ApiError");
                }
                JsonNode body = op.at("/requestBody/content/application~1json/schema");
                if (!body.isMissingNode()) {
                    String ref = body.path("$ref").asText();
                    String type = body.path("type").asText();
                    assertThat(ref.isEmpty() ? type : ref)
                            .as(what + " body " + body)
                            .doesNotEndWith("/JsonNode")
                            .isNotEmpty();
                    if (ref.isEmpty()) {
                        assertThat(body.path("additionalProperties")
                                        .path("type")
                                        .asText())
                                .as(what + " body " + body)
                                .isEqualTo("string");
                    }
                }
            }
        }
        assertThat(operations).isGreaterThan(70);
        assertThat(doc.at("/components/schemas").has("JsonNode")).isFalse();
    }

    @Test
    void redocly_lint_with_the_recommended_rules_finds_no_error_and_no_warning() throws Exception {
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, api.call(null, "GET", "/v3/api-docs", null).body(), StandardCharsets.UTF_8);
        Path redocly = Path.of(System.getProperty("redocly.path", "target/redocly/node_modules/.bin/redocly"));
        assertThat(redocly)
                .as("Redocly CLI, installed by the build (mvn pre-integration-test: exec-maven-plugin npm install)")
                .exists();
        ProcessBuilder pb = new ProcessBuilder(
                        redocly.toString(), "lint", out.toString(), "--config", "redocly.yaml", "--format", "stylish")
                .redirectErrorStream(true);
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        p.getInputStream().transferTo(log);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String report = log.toString(StandardCharsets.UTF_8);
        Files.writeString(Path.of("target", "redocly-lint.txt"), report, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(report).isZero();
        assertThat(report)
                .as(report)
                .contains("Woohoo! Your API description is valid.")
                .doesNotContain("You have") // "You have 1 warning."
                .doesNotContainPattern("\\d+:\\d+\\s+(error|warning)\\s");
    }
}
