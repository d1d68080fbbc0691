package io.zonedeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Hostile bodies (seeded, so a failure is reproducible) to every create and update endpoint of the REST API: each
 * body breaks the strict JSON policy (decision 011) or a field rule at least once: unknown or duplicate properties,
 * numbers and booleans for text and text for numbers, line breaks and control characters, over-long text, empty,
 * null, truncated and non-object bodies, and for machine creates the field rules (names, images, networks, IPs,
 * tags, metadata, keys, affinity). Every one is answered 4xx with field-level errors, none 5xx, and nothing is
 * written: every list, the target machine, the tenant's quota and the caller's keys and password are as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class BodyFuzzIT extends RestTestBase {
    static final long SEED = 20261207L;
    static final int PER_ENDPOINT = Integer.getInteger("fuzz.per-endpoint", 2000);
    static final int THREADS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    static final int OVER_HTTP = 10;

    @Autowired
    NodeRegistry nodes;

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserService users;

    /** What a property holds; decides which wrong values and texts are hostile for it. */
    enum Kind {
        LINE, // one line of text, at most max characters
        TEXT, // text that may span lines, at most max characters
        INT,
        LONG,
        BOOL,
        UUID,
        STRINGS,
        STRING_MAP,
        NICS
    }

    record Field(String name, Kind kind, int max) {}

    /** An endpoint, a caller, a valid body and its properties; {@code mapBody}: the body is a map of any keys. */
    record Endpoint(
            String name,
            String user,
            String method,
            String path,
            Map<String, Object> valid,
            List<Field> fields,
            boolean mapBody,
            int multiLineValues) {}

    static Field f(String name, Kind kind) {
        return new Field(name, kind, 0);
    }

    static Field f(String name, Kind kind, int max) {
        return new Field(name, kind, max);
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    List<Endpoint> endpoints(String machine, String pkg, String image, String network, String bob) {
        String m = "/api/v1/machines/" + machine;
        List<Field> nameOnly = List.of(f("name", Kind.LINE, 64));
        return List.of(
                new Endpoint(
                        "machines create",
                        "alice",
                        "POST",
                        "/api/v1/machines",
                        body("name", "fz", "brand", "joyent", "image", "base-64-lts", "package", "g1-nano"),
                        List.of(
                                f("uuid", Kind.UUID),
                                f("name", Kind.LINE, 64),
                                f("brand", Kind.LINE, 16),
                                f("image", Kind.LINE, 64),
                                f("package", Kind.LINE, 64),
                                // operator-only: ignored for a tenant admin, so only its type and text are checked
                                f("tenant", Kind.LINE, 0),
                                f("networks", Kind.NICS),
                                f("tags", Kind.STRING_MAP),
                                f("metadata", Kind.STRING_MAP),
                                f("sshKeys", Kind.STRINGS),
                                f("affinity", Kind.STRINGS)),
                        false,
                        0),
                new Endpoint("machines rename", "alice", "POST", m + "/rename", body("name", "fz"), nameOnly, false, 0),
                new Endpoint(
                        "machines resize",
                        "alice",
                        "POST",
                        m + "/resize",
                        body("package", "g1-small"),
                        List.of(f("package", Kind.LINE, 64)),
                        false,
                        0),
                new Endpoint("machines tags", "alice", "PUT", m + "/tags", body("role", "web"), List.of(), true, 0),
                new Endpoint(
                        "machines metadata",
                        "alice",
                        "PUT",
                        m + "/metadata",
                        body("user-script", "#!/bin/sh\necho hi\n"),
                        List.of(),
                        true,
                        1),
                new Endpoint(
                        "machines nics",
                        "alice",
                        "POST",
                        m + "/nics",
                        body("network", "demo-public"),
                        List.of(f("network", Kind.LINE, 64), f("ip", Kind.LINE, 45), f("primary", Kind.BOOL)),
                        false,
                        0),
                new Endpoint(
                        "machines snapshots",
                        "alice",
                        "POST",
                        m + "/snapshots",
                        body("name", "s1"),
                        nameOnly,
                        false,
                        0),
                new Endpoint(
                        "machines console",
                        "alice",
                        "POST",
                        m + "/console",
                        body("kind", "shell", "cols", 80, "rows", 24),
                        List.of(f("kind", Kind.LINE, 8), f("cols", Kind.INT), f("rows", Kind.INT)),
                        false,
                        0),
                new Endpoint(
                        "machines throttle",
                        "operator",
                        "PATCH",
                        m,
                        body("cpu_cap", 100),
                        List.of(
                                f("cpu_cap", Kind.INT),
                                f("cpu_shares", Kind.INT),
                                f("zfs_io_priority", Kind.INT),
                                f("disk_bps_max", Kind.LONG),
                                f("max_physical_memory", Kind.LONG)),
                        false,
                        0),
                new Endpoint(
                        "packages create",
                        "operator",
                        "POST",
                        "/api/v1/packages",
                        body("name", "fz-pkg", "ramMiB", 256, "diskGiB", 1, "vcpus", 1),
                        packageFields(),
                        false,
                        0),
                new Endpoint(
                        "packages update",
                        "operator",
                        "PUT",
                        "/api/v1/packages/" + pkg,
                        body("billingTag", "fz"),
                        packageFields(),
                        false,
                        0),
                new Endpoint(
                        "images create",
                        "operator",
                        "POST",
                        "/api/v1/images",
                        body(
                                "name",
                                "fz-img",
                                "version",
                                "1",
                                "os",
                                "smartos",
                                "brands",
                                List.of("joyent"),
                                "sizeMiB",
                                10),
                        imageFields(),
                        false,
                        0),
                new Endpoint(
                        "images update",
                        "operator",
                        "PUT",
                        "/api/v1/images/" + image,
                        body("version", "2"),
                        imageFields(),
                        false,
                        0),
                new Endpoint(
                        "networks create",
                        "operator",
                        "POST",
                        "/api/v1/networks",
                        body(
                                "name",
                                "fz-net",
                                "nicTag",
                                "external",
                                "vlanId",
                                0,
                                "subnet",
                                "10.250.0.0/24",
                                "gateway",
                                "10.250.0.1",
                                "rangeStart",
                                "10.250.0.10",
                                "rangeEnd",
                                "10.250.0.200"),
                        networkFields(),
                        false,
                        0),
                new Endpoint(
                        "networks update",
                        "operator",
                        "PUT",
                        "/api/v1/networks/" + network,
                        body("mtu", 1500),
                        networkFields(),
                        false,
                        0),
                new Endpoint(
                        "tenants create",
                        "operator",
                        "POST",
                        "/api/v1/tenants",
                        body("name", "fz-tenant", "displayName", "Fuzz"),
                        List.of(f("name", Kind.LINE, 64), f("displayName", Kind.LINE, 128)),
                        false,
                        0),
                new Endpoint(
                        "tenants quota",
                        "operator",
                        "PUT",
                        "/api/v1/tenants/acme/quota",
                        body("machines", 100),
                        List.of(
                                f("machines", Kind.LONG),
                                f("ramMiB", Kind.LONG),
                                f("diskGiB", Kind.LONG),
                                f("vcpus", Kind.LONG),
                                f("cpuCap", Kind.LONG),
                                f("snapshots", Kind.LONG),
                                f("vnics", Kind.LONG),
                                f("publicIps", Kind.LONG)),
                        false,
                        0),
                new Endpoint(
                        "users create",
                        "operator",
                        "POST",
                        "/api/v1/users",
                        body(
                                "username",
                                "fz-user",
                                "password",
                                "a long enough password",
                                "role",
                                "TENANT_USER",
                                "tenant",
                                "acme"),
                        List.of(
                                f("username", Kind.LINE, 64),
                                f("password", Kind.LINE, 1024),
                                f("role", Kind.LINE, 32),
                                f("tenant", Kind.LINE, 64)),
                        false,
                        0),
                new Endpoint(
                        "users role",
                        "operator",
                        "PUT",
                        "/api/v1/users/" + bob + "/role",
                        body("role", "TENANT_ADMIN"),
                        List.of(f("role", Kind.LINE, 32)),
                        false,
                        0),
                new Endpoint(
                        "account keys",
                        "alice",
                        "POST",
                        "/api/v1/account/keys",
                        body("name", "fz-key", "publicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFuzz fz@host"),
                        List.of(f("name", Kind.LINE, 64), f("publicKey", Kind.TEXT, 16384)),
                        false,
                        0),
                new Endpoint(
                        "account password",
                        "alice",
                        "PUT",
                        "/api/v1/account/password",
                        body("currentPassword", "alice-demo", "newPassword", "another long password"),
                        List.of(f("currentPassword", Kind.LINE, 1024), f("newPassword", Kind.LINE, 1024)),
                        false,
                        0),
                new Endpoint(
                        "quota requests create",
                        "alice",
                        "POST",
                        "/api/v1/quota-requests",
                        body("limit", "machines", "value", 500, "reason", "launch"),
                        List.of(f("limit", Kind.LINE, 32), f("value", Kind.LONG), f("reason", Kind.TEXT, 500)),
                        false,
                        0),
                new Endpoint(
                        "failover pairs create",
                        "alice",
                        "POST",
                        "/api/v1/failover-pairs",
                        body(
                                "name",
                                "fz-pair",
                                "machineA",
                                machine,
                                "machineB",
                                machine,
                                "vrid",
                                7,
                                "vip",
                                "10.88.0.250"),
                        List.of(
                                f("name", Kind.LINE, 64),
                                f("machineA", Kind.LINE, 64),
                                f("machineB", Kind.LINE, 64),
                                f("vrid", Kind.INT),
                                f("vip", Kind.LINE, 45),
                                f("priorityA", Kind.INT),
                                f("priorityB", Kind.INT),
                                f("intervalMs", Kind.INT),
                                f("preempt", Kind.BOOL),
                                f("accept", Kind.BOOL)),
                        false,
                        0));
    }

    static List<Field> packageFields() {
        return List.of(
                f("name", Kind.LINE, 64),
                f("ramMiB", Kind.LONG),
                f("diskGiB", Kind.LONG),
                f("vcpus", Kind.INT),
                f("cpuCap", Kind.INT),
                f("cpuShares", Kind.INT),
                f("zfsIoPriority", Kind.INT),
                f("maxLwps", Kind.INT),
                f("maxSwapMiB", Kind.LONG),
                f("billingTag", Kind.LINE, 64));
    }

    static List<Field> imageFields() {
        return List.of(
                f("name", Kind.LINE, 64),
                f("version", Kind.LINE, 32),
                f("os", Kind.LINE, 32),
                f("brands", Kind.STRINGS),
                f("sizeMiB", Kind.LONG));
    }

    static List<Field> networkFields() {
        return List.of(
                f("name", Kind.LINE, 64),
                f("nicTag", Kind.LINE, 64),
                f("vlanId", Kind.INT),
                f("subnet", Kind.LINE, 43),
                f("gateway", Kind.LINE, 45),
                f("rangeStart", Kind.LINE, 45),
                f("rangeEnd", Kind.LINE, 45),
                f("resolvers", Kind.STRINGS),
                f("mtu", Kind.INT),
                f("ownerTenant", Kind.LINE, 64));
    }

    static final String[] CONTROL = {"\n", "\r", "\r\n", "\u0000", "\t", "\u001b[2J", "\u007f", "\u0008", "\ud800"};

    /** A JSON value no property of {@code kind} accepts under the policy. */
    static Object wrongType(Kind kind, Random r) {
        List<Object> options = switch (kind) {
            case LINE, TEXT, UUID -> List.of(123, -1, 1.5, true, false, List.of("a"), Map.of("a", "b"));
            case INT, LONG -> List.of("10", "", "ten", true, 1.5, 0.5, 1e300, List.of(1), Map.of("v", 1));
            case BOOL -> List.of("true", "false", 1, 0, "yes", List.of(true), Map.of());
            case STRINGS -> List.of("a", 1, true, Map.of("a", "b"), List.of(1), List.of(true), List.of(Map.of()));
            case STRING_MAP ->
                List.of(
                        "a=b",
                        1,
                        true,
                        List.of("a"),
                        Map.of("k", 1),
                        Map.of("k", true),
                        Map.of("k", List.of("v")),
                        Map.of("k", Map.of()));
            case NICS ->
                List.of(
                        "demo-public",
                        1,
                        List.of("demo-public"),
                        List.of(1),
                        Map.of("network", "demo-public"),
                        List.of(Map.of("network", 1)),
                        List.of(Map.of("network", "demo-public", "primary", "yes")),
                        List.of(Map.of("network", "demo-public", "ip", 10)));
        };
        return options.get(r.nextInt(options.size()));
    }

    /** One way to make a body hostile; each alone is refused. */
    record Mutation(String name, Consumer<Map<String, Object>> apply) {}

    static List<Mutation> mutations(Endpoint e, Random r) {
        List<Mutation> out = new ArrayList<>();
        if (!e.mapBody()) {
            out.add(new Mutation(
                    "unknown property",
                    b -> b.put(
                            List.of("ramMib", "Name", "nmae", "__proto__", "constructor", "x" + r.nextInt(1000), "")
                                    .get(r.nextInt(7)),
                            List.of("v", 1, true).get(r.nextInt(3)))));
        }
        for (Field f : e.fields()) {
            out.add(new Mutation("wrong type of " + f.name(), b -> b.put(f.name(), wrongType(f.kind(), r))));
            if (f.kind() == Kind.LINE) {
                out.add(new Mutation(
                        "control character in " + f.name(),
                        b -> b.put(f.name(), "fz" + CONTROL[r.nextInt(CONTROL.length)] + "x")));
            }
            if (f.kind() == Kind.TEXT) {
                out.add(new Mutation("NUL in " + f.name(), b -> b.put(f.name(), "fz\u0000x")));
            }
            if ((f.kind() == Kind.LINE || f.kind() == Kind.TEXT) && f.max() > 0) {
                out.add(new Mutation(
                        "too long " + f.name(), b -> b.put(f.name(), "x".repeat(f.max() + 1 + r.nextInt(200)))));
            }
            if (f.kind() == Kind.INT || f.kind() == Kind.LONG) {
                out.add(new Mutation(
                        "out of range " + f.name(),
                        b -> b.put(
                                f.name(),
                                List.of(
                                                new java.math.BigInteger("99999999999999999999999"),
                                                f.kind() == Kind.INT ? 3_000_000_000L : Long.MIN_VALUE)
                                        .get(r.nextInt(2)))));
            }
        }
        if (e.fields().stream().anyMatch(f -> f.name().equals("ip"))) {
            out.add(new Mutation(
                    "ip not an address",
                    b -> b.put(
                            "ip",
                            List.of("", " ", "\t", "10.88.0", "999.1.1.1", " 10.88.0.77", "::1")
                                    .get(r.nextInt(7)))));
        }
        if (e.mapBody()) {
            out.add(new Mutation(
                    "value of the wrong type",
                    b -> b.put(
                            "k" + r.nextInt(50),
                            List.of(1, true, 1.5, List.of("v"), Map.of("a", "b"))
                                    .get(r.nextInt(5)))));
            out.add(new Mutation(
                    "control character in a key", b -> b.put("k" + CONTROL[r.nextInt(CONTROL.length)], "v")));
            out.add(new Mutation(
                    "bad key",
                    b -> b.put(
                            List.of("", "bad key", "x".repeat(129), "ünï", "a/b")
                                    .get(r.nextInt(5)),
                            "v")));
            if (e.multiLineValues() == 0) {
                out.add(new Mutation(
                        "control character in a value", b -> b.put("role", "v" + CONTROL[r.nextInt(CONTROL.length)])));
                out.add(new Mutation("value too long", b -> b.put("role", "v".repeat(1025 + r.nextInt(100)))));
                out.add(new Mutation("65 entries", b -> {
                    for (int i = 0; i < 65; i++) {
                        b.put("t" + i, "v");
                    }
                }));
            } else {
                out.add(new Mutation(
                        "NUL or escape code in a value",
                        b -> b.put(
                                "user-script",
                                List.of("a\u0000", "\u001b[2J", "\u0007", "\ud800")
                                        .get(r.nextInt(4)))));
                out.add(new Mutation("value too long", b -> b.put("user-script", "v".repeat(65537))));
            }
        }
        if (e.name().equals("machines create")) {
            out.addAll(createRules(r));
        }
        return out;
    }

    /** The machine create's own field rules (422), from the former CreateFuzzIT. */
    static List<Mutation> createRules(Random r) {
        String[] badNames = {
            "", " ", "-lead", "has space", "ünïcode", "a/b", "x".repeat(65), "<script>", "semi;colon", ".."
        };
        String[] badRules = {"instance", "==x", "a<>b", "instance=~x", "", "key==", "x".repeat(300) + "==1"};
        String[] badKeys = {"", "bad key", "x".repeat(129), "ünï"};
        return List.of(
                new Mutation("no name", b -> b.remove("name")),
                new Mutation("bad name", b -> b.put("name", badNames[r.nextInt(badNames.length)])),
                new Mutation("duplicate name", b -> b.put("name", "@existing")),
                new Mutation(
                        "bad brand",
                        b -> b.put("brand", List.of("zone", "KVM", "", "docker").get(r.nextInt(4)))),
                new Mutation("unknown image", b -> b.put("image", "no-such-image-" + r.nextInt(1000))),
                new Mutation("image of another brand", b -> {
                    b.put("brand", "joyent");
                    b.put("image", "ubuntu-24.04-kvm");
                }),
                new Mutation("unknown package", b -> b.put("package", "g9-" + r.nextInt(1000))),
                new Mutation(
                        "unknown network",
                        b -> b.put("networks", List.of(Map.of("network", "nowhere-" + r.nextInt(99))))),
                new Mutation(
                        "ip not an address",
                        b -> b.put(
                                "networks",
                                List.of(Map.of(
                                        "network",
                                        "demo-public",
                                        "ip",
                                        List.of("999.1.1.1", "10.88.0", "abc", "", " ", "10.88.0.1.2", "١٠.88.0.9")
                                                .get(r.nextInt(7)))))),
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
                new Mutation(
                        "33 nics", b -> b.put("networks", Collections.nCopies(33, Map.of("network", "demo-public")))),
                new Mutation("bad tag key", b -> b.put("tags", Map.of(badKeys[r.nextInt(badKeys.length)], "v"))),
                new Mutation(
                        "tag value too long", b -> b.put("tags", Map.of("role", "v".repeat(1025 + r.nextInt(100))))),
                new Mutation(
                        "bad metadata key", b -> b.put("metadata", Map.of(badKeys[r.nextInt(badKeys.length)], "v"))),
                new Mutation(
                        "metadata value too long", b -> b.put("metadata", Map.of("user-script", "x".repeat(65537)))),
                new Mutation("metadata over 512 KiB", b -> {
                    Map<String, String> md = new LinkedHashMap<>();
                    for (int i = 0; i < 9; i++) {
                        md.put("k" + i, "\n".repeat(60_000));
                    }
                    b.put("metadata", md);
                }),
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
                                List.of("abc", "1234", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "")
                                        .get(r.nextInt(4)))));
    }

    /** Whole-body hostility: not an object, empty, null, truncated, trailing data, duplicate keys, too deep. */
    static String hostileText(Endpoint e, String json, Random r) {
        int colon = json.indexOf(':');
        String first = json.startsWith("{\"") && colon > 0 ? json.substring(1, colon + 1) : null;
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> List.of("[]", "[{}]", "\"x\"", "123", "true", "1.5").get(r.nextInt(6));
            case 3 -> json.substring(0, r.nextInt(Math.max(1, json.length() - 1)));
            case 4 -> json + List.of(" {}", "x", ",", "]", " null").get(r.nextInt(5));
            case 5 ->
                "{"
                        + List.of("name:1", "'name':'a'", "\"name\" \"a\"", "\"a\":01", "\"a\":NaN")
                                .get(r.nextInt(5)) + "}";
            case 6 -> "[".repeat(2000) + "]".repeat(2000);
            case 7 -> "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
            case 8 -> "\uFEFF\u0000" + json;
            default ->
                // a key of the body twice (or, for a body without one, any key twice)
                first == null || first.isEmpty()
                        ? "{\"k\":\"v\",\"k\":\"v\"}"
                        : "{" + first + "\"dup\"," + json.substring(1);
        };
    }

    /** Everything a request could have written, as the operator and alice see it. */
    Map<String, String> state(String machine) {
        Map<String, String> s = new TreeMap<>();
        for (String p : List.of("/api/v1/machines", "/api/v1/jobs")) {
            s.put(
                    p,
                    api.call("operator", "GET", p + "?limit=1", null)
                            .headers()
                            .firstValue("x-resource-count")
                            .orElseThrow());
        }
        for (String p : List.of(
                "/api/v1/packages",
                "/api/v1/images",
                "/api/v1/networks",
                "/api/v1/tenants",
                "/api/v1/users",
                "/api/v1/quota-requests",
                "/api/v1/failover-pairs",
                "/api/v1/tenants/acme/quota")) {
            s.put(
                    p,
                    withoutUsage(Api.json(api.call("operator", "GET", p, null))).toString());
        }
        s.put(
                "alice keys",
                Api.json(api.call("alice", "GET", "/api/v1/account/keys", null)).toString());
        s.put(
                "alice",
                Api.json(api.call("alice", "GET", "/api/v1/account", null)).toString());
        JsonNode m = Api.json(api.call("alice", "GET", "/api/v1/machines/" + machine, null));
        for (String k : List.of("name", "package", "tags", "metadata", "nics", "snapshots", "throttles")) {
            s.put("machine " + k, m.path(k).toString());
        }
        s.put(
                "on nodes",
                // the demo's own nodes: other tests in this context register agents that are gone by now
                String.valueOf(nodes.all().stream()
                        .filter(n -> n.name().startsWith("demo-"))
                        .mapToInt(n -> nodes.client(n.id()).machines().size())
                        .sum()));
        return s;
    }

    /** Usage figures move with the demo's machines; the limits and definitions do not. */
    static JsonNode withoutUsage(JsonNode n) {
        JsonNode copy = n.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            // VRRP election and node state move on their own; no request writes them
            o.remove(List.of(
                    "usage",
                    "used",
                    "state",
                    "quota",
                    "pendingRequests",
                    "users",
                    "lastSeen",
                    "master",
                    "stateSince",
                    "lastTransition",
                    "masterDownMillis"));
            o.forEach(BodyFuzzIT::strip);
        } else if (n.isArray()) {
            n.forEach(BodyFuzzIT::strip);
        }
    }

    @Test
    void hostile_bodies_to_every_create_and_update_endpoint_get_field_errors_and_write_nothing() throws Exception {
        JsonNode mine = Api.json(api.call("alice", "GET", "/api/v1/machines?limit=1&sort=name", null));
        String machine = mine.get(0).path("id").asText();
        String existingName = mine.get(0).path("name").asText();
        String pkg = Api.json(api.call("operator", "GET", "/api/v1/packages", null))
                .get(0)
                .path("id")
                .asText();
        String image = Api.json(api.call("operator", "GET", "/api/v1/images", null))
                .get(0)
                .path("id")
                .asText();
        String network = Api.json(api.call("operator", "GET", "/api/v1/networks", null))
                .get(0)
                .path("id")
                .asText();
        String bob = "";
        for (JsonNode u : Api.json(api.call("operator", "GET", "/api/v1/users", null))) {
            if (u.path("username").asText().equals("bob")) {
                bob = u.path("id").asText();
            }
        }
        List<Endpoint> endpoints = endpoints(machine, pkg, image, network, bob);
        // the demo seeds its failover pair once its machines run; no job may be running when the state is taken
        io.zonedeck.support.Eventually.until(
                java.time.Duration.ofSeconds(90),
                () -> Api.json(api.call("operator", "GET", "/api/v1/failover-pairs", null))
                                        .size()
                                > 0
                        && Api.json(api.call("operator", "GET", "/api/v1/jobs?state=active", null))
                                .isEmpty(),
                quiet -> quiet,
                "the demo's failover pair and no running job");
        Map<String, String> before = state(machine);

        Random random = new Random(SEED);
        record Case(Endpoint endpoint, String body, List<String> applied) {}
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints) {
            List<Mutation> all = mutations(e, random);
            for (int i = 0; i < PER_ENDPOINT; i++) {
                Map<String, Object> body = new LinkedHashMap<>(e.valid());
                List<String> applied = new ArrayList<>();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    Mutation m = all.get(random.nextInt(all.size()));
                    m.apply().accept(body);
                    applied.add(m.name());
                }
                if ("@existing".equals(body.get("name"))) {
                    body.put("name", existingName);
                }
                // a lone surrogate travels as its JSON escape (as raw UTF-8 it would become '?' on the way)
                String json = JSON.writeValueAsString(body).replace("\ud800", "\\ud800");
                if (random.nextInt(4) == 0) {
                    json = hostileText(e, json, random);
                    applied.add("hostile text");
                }
                cases.add(new Case(e, json, applied));
            }
        }

        // most bodies go through the whole filter chain and MVC in the JVM, signed in as the user (a bcrypt check per
        // request would dominate the time); every tenth over HTTP with Basic, through Tomcat
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        Map<String, Authentication> signedIn = new LinkedHashMap<>();
        for (String user : List.of("alice", "operator")) {
            UserDetails u = users.loadUserByUsername(user);
            signedIn.put(user, UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
        }
        AtomicInteger viaHttp = new AtomicInteger();
        Map<String, java.util.concurrent.atomic.LongAdder> nanos = new ConcurrentHashMap<>();
        Map<String, Map<Integer, Integer>> answers = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    Api client = new Api(port);
                    for (int i = next.getAndIncrement();
                            i < cases.size() && failures.size() < 20;
                            i = next.getAndIncrement()) {
                        Case c = cases.get(i);
                        String what = c.endpoint().name() + " " + c.applied() + ": "
                                + c.body().substring(0, Math.min(c.body().length(), 200));
                        try {
                            long sent = System.nanoTime();
                            boolean overHttp = i % OVER_HTTP == 0;
                            int status;
                            String text;
                            if (overHttp) {
                                HttpResponse<String> res = client.call(
                                        c.endpoint().user(),
                                        c.endpoint().method(),
                                        c.endpoint().path(),
                                        c.body());
                                status = res.statusCode();
                                text = res.body();
                                viaHttp.incrementAndGet();
                            } else {
                                MvcResult res = mvc.perform(MockMvcRequestBuilders.request(
                                                        HttpMethod.valueOf(
                                                                c.endpoint().method()),
                                                        c.endpoint().path())
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .accept(MediaType.APPLICATION_JSON)
                                                .characterEncoding(StandardCharsets.UTF_8)
                                                .content(c.body().getBytes(StandardCharsets.UTF_8))
                                                .with(authentication(signedIn.get(
                                                        c.endpoint().user()))))
                                        .andReturn();
                                status = res.getResponse().getStatus();
                                text = res.getResponse().getContentAsString(StandardCharsets.UTF_8);
                            }
                            answers.computeIfAbsent(c.endpoint().name(), k -> new ConcurrentHashMap<>())
                                    .merge(status, 1, Integer::sum);
                            nanos.computeIfAbsent(c.endpoint().name(), k -> new java.util.concurrent.atomic.LongAdder())
                                    .add(System.nanoTime() - sent);
                            JsonNode error = status >= 400 && status < 500 ? JSON.readTree(text) : null;
                            if (error == null) {
                                failures.add(what + " → " + status + " " + text);
                            } else if (error.path("errors").isEmpty()
                                    || error.path("errors")
                                            .get(0)
                                            .path("field")
                                            .asText()
                                            .isBlank()) {
                                failures.add(what + " → " + status + " without field errors " + text);
                            }
                        } catch (Exception | AssertionError ex) {
                            failures.add(what + " → " + ex.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("body fuzz: " + cases.size() + " hostile bodies (" + PER_ENDPOINT + " per endpoint, "
                + endpoints.size() + " endpoints, seed " + SEED + ", " + viaHttp + " over HTTP) in " + millis
                + " ms; answers " + answers);
        Map<String, Long> ms = new TreeMap<>();
        nanos.forEach((k, v) -> ms.put(k, v.sum() / 1_000_000));
        System.out.println("body fuzz: milliseconds spent per endpoint (summed over threads) " + ms);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(answers.keySet()).hasSize(endpoints.size());
        assertThat(state(machine)).isEqualTo(before);
    }
}
