package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.support.RestTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sign-in throttling, personal access tokens and the security headers over real HTTP, as a client or an attacker
 * would meet them. The test profile's windows are short: 5 failures per account per 20 s, 40 per address per 5 min.
 * Addresses other than 127.0.0.1 are only X-Forwarded-For headers (trusted from loopback): no traffic leaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SignInSecurityIT extends RestTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private String newUser() {
        String name = "sec" + UUID.randomUUID().toString().substring(0, 8);
        UUID acme = jdbc.queryForObject("select id from tenant where name = 'acme'", UUID.class);
        users.create(name, PASSWORD, Roles.TENANT_ADMIN, acme);
        return name;
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization, String address) throws Exception {
        return send("GET", path, null, Map.of("Authorization", authorization, "X-Forwarded-For", address));
    }

    @Test
    void anAccountIsThrottledAfterFiveFailuresAndRecoversOnceTheWindowPasses() throws Exception {
        String user = newUser();
        String from = "198.51.100." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/account", basic(user, "wrong-" + i), from).statusCode())
                    .isEqualTo(401);
        }
        // the sixth attempt is refused before the password is checked, even the right one, from any address
        HttpResponse<String> refused = get("/api/v1/account", basic(user, PASSWORD), "203.0.113.9");
        assertThat(refused.statusCode()).isEqualTo(429);
        long wait = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1L, 5L);
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'login' and target = ? and result ="
                                + " 'SignInThrottled'",
                        Long.class,
                        user))
                .isEqualTo(1);

        Thread.sleep(wait * 1000 + 200);
        HttpResponse<String> back = get("/api/v1/account", basic(user, PASSWORD), from);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(back.body()).path("username").asText()).isEqualTo(user);
    }

    @Test
    void anAddressTryingManyAccountsIsThrottledWhileOthersSignIn() throws Exception {
        String from = "192.0.2." + (int) (Math.random() * 200 + 1);
        int refused = 0;
        for (int i = 0; i < 45; i++) {
            int status =
                    get("/api/v1/account", basic("nobody" + i, "guess"), from).statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(5);
        String user = newUser();
        assertThat(get("/api/v1/account", basic(user, PASSWORD), from).statusCode())
                .isEqualTo(429);
        assertThat(get("/api/v1/account", basic(user, PASSWORD), "192.0.2.250").statusCode())
                .isEqualTo(200);
    }

    private JsonNode createToken(String user, String scope) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/account/tokens",
                "{\"name\":\"ci-" + scope + "\",\"scope\":\"" + scope + "\",\"expiresInDays\":30}",
                Map.of("Authorization", basic(user, PASSWORD)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    @Test
    void aTokenActsAsItsOwnerWithinItsScopeUntilRevoked() throws Exception {
        String user = newUser();
        JsonNode rw = createToken(user, "READ_WRITE");
        String token = rw.path("token").asText();
        assertThat(token).startsWith("zdt_").hasSizeGreaterThan(40);
        String bearer = "Bearer " + token;

        HttpResponse<String> me = get("/api/v1/account", bearer, "127.0.0.1");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("username").asText()).isEqualTo(user);
        assertThat(get("/api/v1/machines", bearer, "127.0.0.1").statusCode()).isEqualTo(200);

        // only the hash is stored; the list shows the prefix and when it was last used
        List<String> stored = jdbc.queryForList(
                "select token_hash from api_token where id = ?",
                String.class,
                UUID.fromString(rw.path("info").path("id").asText()));
        assertThat(stored).hasSize(1).doesNotContain(token);
        assertThat(stored.get(0)).hasSize(64).isNotEqualTo(token);
        JsonNode list = JSON.readTree(
                send("GET", "/api/v1/account/tokens", null, Map.of("Authorization", basic(user, PASSWORD)))
                        .body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("prefix").asText()).isEqualTo(token.substring(0, 10));
        assertThat(list.get(0).path("lastUsedAt").isNull()).isFalse();
        assertThat(list.toString()).doesNotContain(token);

        // a token cannot mint tokens
        HttpResponse<String> minted = send(
                "POST",
                "/api/v1/account/tokens",
                "{\"name\":\"more\",\"scope\":\"READ_WRITE\",\"expiresInDays\":1}",
                Map.of("Authorization", bearer));
        assertThat(minted.statusCode()).isEqualTo(403);

        // read-only: reads, never writes
        String ro = "Bearer " + createToken(user, "READ_ONLY").path("token").asText();
        assertThat(get("/api/v1/machines", ro, "127.0.0.1").statusCode()).isEqualTo(200);
        HttpResponse<String> write = send(
                "POST", "/api/v1/account/keys", "{\"name\":\"k\",\"publicKey\":\"x\"}", Map.of("Authorization", ro));
        assertThat(write.statusCode()).isEqualTo(403);

        // revoked: refused at the next request
        HttpResponse<String> revoked = send(
                "DELETE",
                "/api/v1/account/tokens/" + rw.path("info").path("id").asText(),
                null,
                Map.of("Authorization", basic(user, PASSWORD)));
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> after = get("/api/v1/account", bearer, "127.0.0.1");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
    }

    @Test
    void anotherUsersTokenIdIsNotFoundAndADisabledOwnersTokenStops() throws Exception {
        String alice = newUser();
        String mallory = newUser();
        JsonNode token = createToken(alice, "READ_WRITE");
        HttpResponse<String> foreign = send(
                "DELETE",
                "/api/v1/account/tokens/" + token.path("info").path("id").asText(),
                null,
                Map.of("Authorization", basic(mallory, PASSWORD)));
        assertThat(foreign.statusCode()).isEqualTo(404);
        String bearer = "Bearer " + token.path("token").asText();
        assertThat(get("/api/v1/account", bearer, "127.0.0.1").statusCode()).isEqualTo(200);
        jdbc.update("update app_user set enabled = false where username = ?", alice);
        assertThat(get("/api/v1/account", bearer, "127.0.0.1").statusCode()).isEqualTo(401);
    }

    @Test
    void guessedTokensAreThrottledPerAddress() throws Exception {
        String from = "198.51.100.250";
        int throttled = 0;
        for (int i = 0; i < 42; i++) {
            HttpResponse<String> r = get("/api/v1/machines", "Bearer zdt_guess" + i, from);
            assertThat(r.statusCode()).isIn(401, 429);
            throttled += r.statusCode() == 429 ? 1 : 0;
        }
        assertThat(throttled).isEqualTo(2);
    }

    @Test
    void theLoginFormRefusesAPostWithoutTheSessionsCsrfToken() throws Exception {
        String user = newUser();
        String form = "username=" + user + "&password=" + PASSWORD;
        HttpResponse<String> none = send("POST", "/login", null, Map.of()); // no body at all
        assertThat(none.statusCode()).isIn(403, 302);
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=forged"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // refused before any password check: back to the bare login view (a failed sign-in would say ?error)
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/login")).endsWith("/login");
        assertThat(forged.headers().allValues("Set-Cookie").toString()).doesNotContain("remember");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'login' and target = ? and result = 'OK'",
                        Long.class,
                        user))
                .isZero();
    }

    @Test
    void pagesCarryTheSecurityHeadersAndHttpsBehindTheProxyMakesTheCookieSecure() throws Exception {
        HttpResponse<String> plain = send("GET", "/login", null, Map.of());
        assertThat(plain.statusCode()).isEqualTo(200);
        String csp = plain.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("frame-ancestors 'none'")
                .contains("object-src 'none'")
                .contains("default-src 'self'");
        assertThat(plain.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(plain.headers().firstValue("Permissions-Policy").orElseThrow())
                .contains("camera=()");
        assertThat(plain.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        String cookie = String.join(";", plain.headers().allValues("Set-Cookie"));
        assertThat(cookie)
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .doesNotContain("Secure");

        HttpResponse<String> proxied =
                send("GET", "/login", null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "192.0.2.10"));
        assertThat(proxied.headers().firstValue("Strict-Transport-Security").orElseThrow())
                .contains("max-age=31536000");
        assertThat(String.join(";", proxied.headers().allValues("Set-Cookie"))).contains("Secure");

        // cookie-only sessions: a redirect never carries the session id in the URL
        HttpResponse<String> redirect = send("GET", "/machines", null, Map.of());
        assertThat(redirect.statusCode()).isBetween(200, 399);
        assertThat(redirect.headers().firstValue("Location").orElse("")).doesNotContain("jsessionid");
        assertThat(redirect.body()).doesNotContain("jsessionid");

        HttpResponse<String> api = get("/api/v1/machines", "Bearer nope", "127.0.0.1");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void anOperatorMakesTwoFactorMandatoryForATenantWhoseUsersThenCannotUsePasswordsOverRest() throws Exception {
        String tenant = "mfa" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.call(
                                "operator",
                                "POST",
                                "/api/v1/tenants",
                                "{\"name\":\"" + tenant + "\",\"displayName\":\"MFA\"}")
                        .statusCode())
                .isEqualTo(201);
        UUID id = jdbc.queryForObject("select id from tenant where name = ?", UUID.class, tenant);
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        users.create(user, PASSWORD, Roles.TENANT_USER, id);
        assertThat(get("/api/v1/account", basic(user, PASSWORD), "127.0.0.1").statusCode())
                .isEqualTo(200);

        // alice may not set another tenant's policy (missing, like any foreign id) nor her own (operators only)
        String path = "/api/v1/tenants/" + tenant + "/two-factor";
        assertThat(api.call("alice", "PUT", path, "{\"required\":true}").statusCode())
                .isIn(403, 404);
        assertThat(api.call("alice", "PUT", "/api/v1/tenants/acme/two-factor", "{\"required\":true}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.call("operator", "PUT", path, "{}").statusCode()).isEqualTo(422);
        HttpResponse<String> set = api.call("operator", "PUT", path, "{\"required\":true}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).path("required").asBoolean()).isTrue();

        HttpResponse<String> refused = get("/api/v1/account", basic(user, PASSWORD), "127.0.0.1");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("API token");
        assertThat(get("/api/v1/account", basic("bob", "bob-demo"), "127.0.0.1").statusCode())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'tenant.twofactor'", Long.class))
                .isGreaterThanOrEqualTo(1);
    }
}
