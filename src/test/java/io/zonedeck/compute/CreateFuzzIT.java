package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A thousand generated invalid create requests (seeded, so a failure is reproducible): every one is refused
 * with a 4xx naming at least one field, nothing is written and no node is asked to create anything.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0", "zonedeck.jobs.timeout-factor=0.01"})
@ActiveProfiles({"demo", "test"})
class CreateFuzzIT extends RestTestBase {
    static final long SEED = 20261124L;
    static final int CASES = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    NodeRegistry nodes;

    /** One way to make a valid request invalid; each alone is enough. */
    record Mutation(String name, Consumer<Map<String, Object>> apply) {}

    static List<Mutation> mutations(Random r) {
        String[] badNames = {
            "",
            " ",
            "-lead",
            "has space",
            "ünïcode",
            "a/b",
            "x".repeat(65),
            "nul\u0000",
            "line\nbreak",
            "<script>",
            "semi;colon",
            "..",
            "\t"
        };
        String[] badRules = {"instance", "==x", "a<>b", "instance=~x", "", "key==", "x".repeat(300) + "==1"};
        String[] badKeys = {"", "bad key", "x".repeat(129), "new\nline", "tab\tkey", "ünï"};
        return List.of(
                new Mutation("no name", b -> b.remove("name")),
                new Mutation("bad name", b -> b.put("name", badNames[r.nextInt(badNames.length)])),
                new Mutation("name not a string", b -> b.put("name", Map.of("a", 1))),
                new Mutation("duplicate name", b -> b.put("name", "dup-existing")),
                new Mutation("no brand", b -> b.remove("brand")),
                new Mutation(
                        "bad brand",
                        b -> b.put(
                                "brand",
                                List.of("zone", "KVM", "", "docker", "joy ent").get(r.nextInt(5)))),
                new Mutation("no image", b -> b.remove("image")),
                new Mutation("unknown image", b -> b.put("image", "no-such-image-" + r.nextInt(1000))),
                new Mutation("image of another brand", b -> {
                    b.put("brand", "joyent");
                    b.put("image", "ubuntu-24.04-kvm");
                }),
                new Mutation("no package", b -> b.remove("package")),
                new Mutation("unknown package", b -> b.put("package", "g9-" + r.nextInt(1000))),
                new Mutation("package not a string", b -> b.put("package", List.of(1, 2))),
                new Mutation(
                        "unknown network",
                        b -> b.put("networks", List.of(Map.of("network", "nowhere-" + r.nextInt(99))))),
                new Mutation("blank network", b -> b.put("networks", List.of(Map.of("network", "")))),
                new Mutation(
                        "ip not an address",
                        b -> b.put(
                                "networks",
                                List.of(Map.of(
                                        "network",
                                        "demo-public",
                                        "ip",
                                        List.of("999.1.1.1", "10.88.0", "abc", "10.88.0.1.2")
                                                .get(r.nextInt(4)))))),
                new Mutation(
                        "ip outside the subnet",
                        b -> b.put(
                                "networks",
                                List.of(Map.of("network", "demo-public", "ip", "192.168." + r.nextInt(256) + ".9")))),
                new Mutation(
                        "two primaries",
                        b -> b.put(
                                "networks",
                                List.of(
                                        Map.of("network", "demo-public", "primary", true),
                                        Map.of("network", "demo-public", "primary", true)))),
                new Mutation("33 nics", b -> {
                    List<Object> nics = new ArrayList<>();
                    for (int i = 0; i < 33; i++) {
                        nics.add(Map.of("network", "demo-public"));
                    }
                    b.put("networks", nics);
                }),
                new Mutation("networks not a list", b -> b.put("networks", "demo-public")),
                new Mutation("bad tag key", b -> b.put("tags", Map.of(badKeys[r.nextInt(badKeys.length)], "v"))),
                new Mutation(
                        "tag value too long", b -> b.put("tags", Map.of("role", "v".repeat(1025 + r.nextInt(100))))),
                new Mutation("65 tags", b -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    for (int i = 0; i < 65; i++) {
                        tags.put("t" + i, "v");
                    }
                    b.put("tags", tags);
                }),
                new Mutation("tags not an object", b -> b.put("tags", List.of("a", "b"))),
                new Mutation(
                        "bad metadata key", b -> b.put("metadata", Map.of(badKeys[r.nextInt(badKeys.length)], "v"))),
                new Mutation(
                        "metadata value too long", b -> b.put("metadata", Map.of("user-script", "x".repeat(65537)))),
                new Mutation(
                        "bad ssh key",
                        b -> b.put(
                                "sshKeys",
                                List.of(List.of("", "ssh-rsa", "not a key", "ssh-ed25519 !!!!", "-----BEGIN")
                                        .get(r.nextInt(5))))),
                new Mutation("bad affinity", b -> b.put("affinity", List.of(badRules[r.nextInt(badRules.length)]))),
                new Mutation(
                        "uuid not a uuid",
                        b -> b.put(
                                "uuid",
                                List.of("abc", "1234", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")
                                        .get(r.nextInt(3)))),
                new Mutation("operator-only tenant ignored but name blank", b -> {
                    b.put("tenant", "globex");
                    b.put("name", "");
                }));
    }

    @Test
    void a_thousand_invalid_create_requests_are_each_refused_with_a_field_error_and_change_nothing() throws Exception {
        // a machine whose name the "duplicate name" mutation reuses
        HttpResponse<String> seed = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"dup-existing\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(seed.statusCode()).isIn(202, 422);
        io.zonedeck.support.Eventually.until(
                java.time.Duration.ofSeconds(20),
                () -> io.zonedeck.support.Api.json(api.call("alice", "GET", "/api/v1/jobs?state=active", null))
                        .size(),
                n -> n == 0,
                "no job to be running");
        int machinesBefore = count("/api/v1/machines");
        int jobsBefore = count("/api/v1/jobs");
        int onNodesBefore = onNodes();

        Random random = new Random(SEED);
        List<Mutation> all = mutations(random);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> body = new LinkedHashMap<>(
                    Map.of("name", "fz-" + i, "brand", "joyent", "image", "base-64-lts", "package", "g1-nano"));
            int n = 1 + random.nextInt(3);
            List<String> applied = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Mutation m = all.get(random.nextInt(all.size()));
                m.apply().accept(body);
                applied.add(m.name());
            }
            String json = JSON.writeValueAsString(body);
            if (random.nextInt(20) == 0) {
                json = json.substring(0, random.nextInt(json.length())); // truncated body
                applied.add("truncated");
            }
            HttpResponse<String> res = api.call("alice", "POST", "/api/v1/machines", json);
            String what = "case " + i + " " + applied + ": " + json.substring(0, Math.min(json.length(), 300)) + " → "
                    + res.statusCode() + " " + res.body();
            assertThat(res.statusCode()).as(what).isBetween(400, 499);
            JsonNode error = Api.json(res);
            assertThat(error.path("errors").size()).as(what).isGreaterThan(0);
            assertThat(error.path("errors").get(0).path("field").asText())
                    .as(what)
                    .isNotBlank();
            byStatus.merge(String.valueOf(res.statusCode()), 1, Integer::sum);
        }
        assertThat(count("/api/v1/machines")).isEqualTo(machinesBefore);
        assertThat(count("/api/v1/jobs")).isEqualTo(jobsBefore);
        assertThat(onNodes()).isEqualTo(onNodesBefore);
        System.out.println("create fuzz: " + CASES + " invalid requests, seed " + SEED + ", answers " + byStatus);
    }

    int count(String path) {
        return Integer.parseInt(api.call("operator", "GET", path + "?limit=1", null)
                .headers()
                .firstValue("x-resource-count")
                .orElseThrow());
    }

    int onNodes() {
        return nodes.all().stream()
                .mapToInt(n -> nodes.client(n.id()).machines().size())
                .sum();
    }
}
