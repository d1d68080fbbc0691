package io.zonedeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Quotas as a tenant meets them through the API: reserved when an operation is accepted (so parallel requests
 * cannot pass a limit together), given back when a machine fails to be created or is deleted, refused with the
 * exhausted limit named on its field. Each test uses its own tenant.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0", "zonedeck.jobs.timeout-factor=0.01"})
@ActiveProfiles({"demo", "test"})
class QuotaEnforcementIT extends RestTestBase {
    @Autowired
    UserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    QuotaService quotas;

    @Autowired
    NodeRegistry nodes;

    @AfterEach
    void clearFaults() {
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults());
    }

    /** A new tenant with an admin named {@code <name>-admin}, and its quota. */
    String tenantWith(String name, Quota quota) {
        Tenant t = As.user(users, "operator", () -> tenants.create(name, name));
        users.create(name + "-admin", name + "-admin-demo", Roles.TENANT_ADMIN, t.id());
        As.user(users, "operator", () -> quotas.setQuota(name, quota));
        return name + "-admin";
    }

    static Quota machines(long n) {
        return new Quota(n, null, null, null, null, null, null, null);
    }

    static String create(String name, String pkg) {
        return "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"" + pkg + "\"}";
    }

    JsonNode accepted(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return Api.json(res);
    }

    static void assertQuotaExceeded(HttpResponse<String> res, String field) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
        JsonNode e = Api.json(res);
        assertThat(e.path("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(e.path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    int machineCount(String user) {
        return Api.json(api.call(user, "GET", "/api/v1/machines?limit=1000", null))
                .size();
    }

    @Test
    void fifty_parallel_creates_against_a_quota_of_ten_make_exactly_ten_machines() throws Exception {
        String user = tenantWith("race", machines(10));
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = create("race-" + i, "g1-nano");
            calls.add(() -> api.call(user, "POST", "/api/v1/machines", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(25);
        int accepted = 0;
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            HttpResponse<String> res = f.get();
            if (res.statusCode() == 202) {
                accepted++;
            } else {
                assertQuotaExceeded(res, "quota.machines");
                assertThat(Api.json(res).path("message").asText())
                        .isEqualTo("Machines quota exceeded: 10 of 10 in use, this needs 1 more.");
            }
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(10);
        assertThat(machineCount(user)).isEqualTo(10);
        Eventually.until(
                Duration.ofSeconds(60),
                () -> Api.json(api.call(user, "GET", "/api/v1/jobs?state=active", null))
                        .size(),
                x -> x == 0,
                "the creates to finish");
        long onNodes = nodes.all().stream()
                .flatMap(n -> nodes.client(n.id()).machines().stream())
                .filter(m -> m.alias().startsWith("race-"))
                .count();
        assertThat(onNodes).isEqualTo(10);
        assertThat(As.user(users, user, () -> quotas.mine())
                        .orElseThrow()
                        .used()
                        .machines())
                .isEqualTo(10);

        // a deletion gives its share back
        String first = Api.json(api.call(user, "GET", "/api/v1/machines?limit=1", null))
                .get(0)
                .path("id")
                .asText();
        Jobs.succeeded(api, user, accepted(api.call(user, "DELETE", "/api/v1/machines/" + first, null)));
        Jobs.succeeded(
                api,
                user,
                accepted(api.call(user, "POST", "/api/v1/machines", create("race-again", "g1-nano")))
                        .path("job"));
        assertQuotaExceeded(
                api.call(user, "POST", "/api/v1/machines", create("race-one-more", "g1-nano")), "quota.machines");
    }

    @Test
    void a_create_the_node_fails_gives_its_share_back() {
        String user = tenantWith("flaky", machines(1));
        nodes.all().forEach(n -> nodes.client(n.id()).injectFault(new SimFault("create", "hang", 2, null, 1)));
        JsonNode failed = accepted(api.call(user, "POST", "/api/v1/machines", create("flaky-1", "g1-nano")));
        assertThat(Jobs.finished(api, user, failed.path("job")).path("state").asText())
                .isEqualTo("failed");
        clearFaults();
        // the failed machine is still listed (its owner deletes it) but holds no node: the quota is free
        assertThat(machineCount(user)).isEqualTo(1);
        Jobs.succeeded(
                api,
                user,
                accepted(api.call(user, "POST", "/api/v1/machines", create("flaky-2", "g1-nano")))
                        .path("job"));
    }

    @Test
    void ram_snapshots_and_vnics_are_limited_and_a_refusal_changes_nothing() {
        String user = tenantWith("tight", new Quota(null, 1536L, null, null, null, 1L, 1L, null));
        JsonNode a = accepted(api.call(user, "POST", "/api/v1/machines", create("tight-1", "g1-small")));
        Jobs.succeeded(api, user, a.path("job"));
        String id = a.path("machine").path("id").asText();

        // 1024 of 1536 MiB in use: another 1024 does not fit, 512 does
        HttpResponse<String> refused = api.call(user, "POST", "/api/v1/machines", create("tight-2", "g1-small"));
        assertQuotaExceeded(refused, "quota.ramMiB");
        assertThat(Api.json(refused).path("message").asText())
                .isEqualTo("RAM quota exceeded: 1 GiB of 1.5 GiB in use, this needs 1 GiB more.");
        assertThat(machineCount(user)).isEqualTo(1);

        // resizing up needs quota too; the refused resize leaves the package as it was
        assertQuotaExceeded(
                api.call(user, "POST", "/api/v1/machines/" + id + "/resize", "{\"package\":\"g1-medium\"}"),
                "quota.ramMiB");
        assertThat(Api.json(api.call(user, "GET", "/api/v1/machines/" + id, null))
                        .path("packageName")
                        .asText())
                .isEqualTo("g1-small");

        // one snapshot allowed
        Jobs.succeeded(
                api,
                user,
                accepted(api.call(user, "POST", "/api/v1/machines/" + id + "/snapshots", "{\"name\":\"s1\"}")));
        assertQuotaExceeded(
                api.call(user, "POST", "/api/v1/machines/" + id + "/snapshots", "{\"name\":\"s2\"}"),
                "quota.snapshots");

        // one VNIC allowed, and the machine has it
        assertQuotaExceeded(
                api.call(user, "POST", "/api/v1/machines/" + id + "/nics", "{\"network\":\"demo-public\"}"),
                "quota.vnics");
        assertThat(Api.json(api.call(user, "GET", "/api/v1/machines/" + id, null))
                        .path("nics")
                        .size())
                .isEqualTo(1);

        // lowering a quota below what is in use takes nothing away; only growth is refused
        As.user(
                users,
                "operator",
                () -> quotas.setQuota("tight", new Quota(null, 512L, null, null, null, 0L, 0L, null)));
        Jobs.succeeded(api, user, accepted(api.call(user, "POST", "/api/v1/machines/" + id + "/stop", null)));
        Jobs.succeeded(api, user, accepted(api.call(user, "POST", "/api/v1/machines/" + id + "/start", null)));
        QuotaStatus status = As.user(users, user, () -> quotas.mine()).orElseThrow();
        assertThat(status.used().ramMiB()).isEqualTo(1024);
        assertThat(status.used().snapshots()).isEqualTo(1);
        assertThat(status.limits().ramMiB()).isEqualTo(512);
    }

    @Test
    void quota_status_of_another_tenant_is_not_found_like_a_missing_one() {
        tenantWith("private-co", machines(3));
        var other = org.assertj.core.api.Assertions.catchThrowable(
                () -> As.user(users, "alice", () -> quotas.status("private-co")));
        var missing = org.assertj.core.api.Assertions.catchThrowable(
                () -> As.user(users, "alice", () -> quotas.status("no-such-co")));
        assertThat(other).isInstanceOf(io.zonedeck.base.ZoneDeckException.class);
        assertThat(((io.zonedeck.base.ZoneDeckException) other).code())
                .isEqualTo(((io.zonedeck.base.ZoneDeckException) missing).code())
                .isEqualTo("NotFound");
        assertThat(other.getMessage()).isEqualTo("tenant private-co not found");
        assertThat(missing.getMessage()).isEqualTo("tenant no-such-co not found");
        assertThat(As.user(users, "operator", () -> quotas.status("private-co"))
                        .limits()
                        .machines())
                .isEqualTo(3);
    }
}
