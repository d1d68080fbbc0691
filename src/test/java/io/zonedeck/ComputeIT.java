package io.zonedeck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.support.Api;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Compute self-service through the REST API as tenants use it, checked against what the node agent runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ComputeIT extends RestTestBase {

    @Autowired
    NodeRegistry nodes;

    /** Creates a machine as alice and waits until it runs; returns its JSON. */
    JsonNode running(String name, String brand, String image, String extra) {
        String body = "{\"name\":\"" + name + "\",\"brand\":\"" + brand + "\",\"image\":\"" + image
                + "\",\"package\":\"g1-nano\"" + extra + "}";
        HttpResponse<String> res = api.call("alice", "POST", "/api/v1/machines", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        JsonNode accepted = Api.json(res);
        Jobs.succeeded(api, "alice", accepted.path("job"));
        return machine(accepted.path("machine").path("id").asText());
    }

    JsonNode machine(String id) {
        HttpResponse<String> res = api.call("alice", "GET", "/api/v1/machines/" + id, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Api.json(res);
    }

    MachineInfo onNode(String id) {
        UUID uuid = UUID.fromString(id);
        for (var n : nodes.all()) {
            var info = nodes.client(n.id()).machine(uuid);
            if (info.isPresent()) {
                return info.get();
            }
        }
        throw new AssertionError("machine " + id + " runs on no node");
    }

    JsonNode job(String user, String method, String path, String body) {
        HttpResponse<String> res = api.call(user, method, path, body);
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isEqualTo(202);
        return Jobs.finished(api, user, Api.json(res));
    }

    @Test
    void a_machine_is_created_with_two_nics_tags_metadata_and_an_ssh_key_and_the_node_runs_exactly_that() {
        JsonNode m = running(
                "web-nics",
                "joyent",
                "base-64-lts",
                ",\"networks\":[{\"network\":\"demo-public\"},{\"network\":\"demo-public\",\"ip\":\"10.88.0.200\"}],"
                        + "\"tags\":{\"role\":\"web\"},\"metadata\":{\"motd\":\"hello\"},"
                        + "\"sshKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk alice@laptop\"]");
        assertThat(m.path("nics")).hasSize(2);
        assertThat(m.path("nics").get(0).path("primary").asBoolean()).isTrue();
        assertThat(m.path("nics").get(1).path("ip").asText()).isEqualTo("10.88.0.200");
        assertThat(m.path("tags").path("role").asText()).isEqualTo("web");
        assertThat(m.path("metadata").path("root_authorized_keys").asText()).startsWith("ssh-ed25519 ");
        MachineInfo info = onNode(m.path("id").asText());
        assertThat(info.nics())
                .extracting(n -> n.mac())
                .containsExactly(
                        m.path("nics").get(0).path("mac").asText(),
                        m.path("nics").get(1).path("mac").asText());
        assertThat(info.tags()).containsEntry("role", "web");
        assertThat(info.customerMetadata()).containsEntry("motd", "hello");
    }

    @Test
    void create_is_idempotent_by_uuid_and_a_different_request_under_the_same_uuid_is_refused() {
        String uuid = UUID.randomUUID().toString();
        String body = "{\"uuid\":\"" + uuid
                + "\",\"name\":\"idem-1\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}";
        JsonNode first = Api.json(api.call("alice", "POST", "/api/v1/machines", body));
        JsonNode again = Api.json(api.call("alice", "POST", "/api/v1/machines", body));
        assertThat(again.path("machine").path("id").asText()).isEqualTo(uuid);
        assertThat(again.path("job").path("id").asText())
                .isEqualTo(first.path("job").path("id").asText());
        HttpResponse<String> other = api.call("alice", "POST", "/api/v1/machines", body.replace("idem-1", "idem-2"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(Api.json(other).path("errors").get(0).path("field").asText()).isEqualTo("uuid");
        JsonNode list = Api.json(api.call("alice", "GET", "/api/v1/machines?search=idem-", null));
        assertThat(list).hasSize(1);
    }

    @Test
    void resize_applies_the_new_package_live_and_refuses_what_the_node_cannot_hold() {
        JsonNode m = running("resize-me", "joyent", "base-64-lts", "");
        String id = m.path("id").asText();
        JsonNode done = job("alice", "POST", "/api/v1/machines/" + id + "/resize", "{\"package\":\"g1-small\"}");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(machine(id).path("packageName").asText()).isEqualTo("g1-small");
        assertThat(onNode(id).maxPhysicalMemory()).isEqualTo(1024);
        assertThat(onNode(id).cpuCap()).isEqualTo(50);

        HttpResponse<String> same =
                api.call("alice", "POST", "/api/v1/machines/" + id + "/resize", "{\"package\":\"g1-small\"}");
        assertThat(same.statusCode()).isEqualTo(422);
        HttpResponse<String> unknown =
                api.call("alice", "POST", "/api/v1/machines/" + id + "/resize", "{\"package\":\"nope\"}");
        assertThat(Api.json(unknown).path("errors").get(0).path("field").asText())
                .isEqualTo("package");
    }

    @Test
    void snapshots_roll_back_destroying_newer_ones_and_kvm_has_none() {
        JsonNode m = running("snap-me", "joyent", "base-64-lts", "");
        String id = m.path("id").asText();
        String base = "/api/v1/machines/" + id + "/snapshots";
        assertThat(job("alice", "POST", base, "{\"name\":\"first\"}")
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
        assertThat(job("alice", "POST", base, "{\"name\":\"second\"}")
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
        HttpResponse<String> dup = api.call("alice", "POST", base, "{\"name\":\"first\"}");
        assertThat(dup.statusCode()).isEqualTo(422);
        assertThat(Api.json(dup).path("errors").get(0).path("code").asText()).isEqualTo("Duplicate");
        assertThat(job("alice", "POST", base + "/first/rollback", null)
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
        List<String> names = new ArrayList<>();
        Api.json(api.call("alice", "GET", base, null))
                .forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).containsExactly("first");
        assertThat(onNode(id).snapshots()).extracting(s -> s.name()).containsExactly("first");
        assertThat(machine(id).path("state").asText()).isEqualTo("running");

        JsonNode kvm = running("kvm-nosnap", "kvm", "ubuntu-24.04-kvm", "");
        HttpResponse<String> refused = api.call(
                "alice", "POST", "/api/v1/machines/" + kvm.path("id").asText() + "/snapshots", "{\"name\":\"x\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Api.json(refused).path("code").asText()).isEqualTo("NotSupported");
    }

    @Test
    void nics_are_added_with_a_chosen_address_and_removed_releasing_it() {
        JsonNode m = running("nic-me", "lx", "ubuntu-24.04", "");
        String id = m.path("id").asText();
        String base = "/api/v1/machines/" + id + "/nics";
        HttpResponse<String> outside =
                api.call("alice", "POST", base, "{\"network\":\"demo-public\",\"ip\":\"192.168.1.5\"}");
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(Api.json(outside).path("errors").get(0).path("field").asText())
                .isEqualTo("ip");
        assertThat(job("alice", "POST", base, "{\"network\":\"demo-public\",\"ip\":\"10.88.0.222\"}")
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
        JsonNode nics = Api.json(api.call("alice", "GET", base, null));
        assertThat(nics).hasSize(2);
        String added = nics.get(1).path("mac").asText();
        assertThat(onNode(id).nics()).extracting(n -> n.mac()).contains(added);

        HttpResponse<String> primary =
                api.call("alice", "DELETE", base + "/" + nics.get(0).path("mac").asText(), null);
        assertThat(primary.statusCode()).isEqualTo(409);
        assertThat(job("alice", "DELETE", base + "/" + added, null)
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
        assertThat(onNode(id).nics()).extracting(n -> n.mac()).doesNotContain(added);
        // the address is free again: another NIC may take it
        assertThat(job("alice", "POST", base, "{\"network\":\"demo-public\",\"ip\":\"10.88.0.222\"}")
                        .path("state")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    void rename_tags_and_metadata_change_on_the_node_too() {
        JsonNode m = running("rename-me", "joyent", "base-64-lts", ",\"tags\":{\"old\":\"1\"}");
        String id = m.path("id").asText();
        job("alice", "POST", "/api/v1/machines/" + id + "/rename", "{\"name\":\"renamed\"}");
        job("alice", "PUT", "/api/v1/machines/" + id + "/tags", "{\"role\":\"db\"}");
        job("alice", "PUT", "/api/v1/machines/" + id + "/metadata", "{\"user-script\":\"#!/bin/sh\"}");
        JsonNode after = machine(id);
        assertThat(after.path("name").asText()).isEqualTo("renamed");
        assertThat(after.path("tags").has("old")).isFalse();
        assertThat(after.path("tags").path("role").asText()).isEqualTo("db");
        MachineInfo info = onNode(id);
        assertThat(info.alias()).isEqualTo("renamed");
        assertThat(info.tags()).containsEntry("role", "db").doesNotContainKey("old");
        assertThat(info.customerMetadata()).containsEntry("user-script", "#!/bin/sh");
        // tag filter and search find it
        assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines?tag=role%3Ddb", null)))
                .extracting(j -> j.path("id").asText())
                .contains(id);
    }

    @Test
    void anti_affinity_keeps_machines_apart_and_an_impossible_rule_says_why() {
        JsonNode a = running("aff-a", "joyent", "base-64-lts", "");
        JsonNode b = running("aff-b", "joyent", "base-64-lts", ",\"affinity\":[\"instance!=aff-a\"]");
        JsonNode c = running("aff-c", "joyent", "base-64-lts", ",\"affinity\":[\"instance==aff-a\"]");
        String nodeA = onNodeName(a);
        assertThat(onNodeName(b)).isNotEqualTo(nodeA);
        assertThat(onNodeName(c)).isEqualTo(nodeA);
        HttpResponse<String> none = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"aff-d\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\","
                        + "\"affinity\":[\"instance==no-such-machine\"]}");
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(Api.json(none).path("errors").get(0).path("field").asText()).isEqualTo("affinity");
    }

    String onNodeName(JsonNode m) {
        UUID uuid = UUID.fromString(m.path("id").asText());
        return nodes.all().stream()
                .filter(n -> nodes.client(n.id()).machine(uuid).isPresent())
                .findFirst()
                .orElseThrow()
                .name();
    }

    @Test
    void every_machine_endpoint_answers_a_foreign_id_exactly_like_a_missing_one() {
        String id = running("private-1", "joyent", "base-64-lts", "").path("id").asText();
        String missing = UUID.randomUUID().toString();
        String[][] calls = {
            {"GET", ""},
            {"DELETE", ""},
            {"POST", "/start"},
            {"POST", "/stop"},
            {"POST", "/reboot"},
            {"POST", "/resize", "{\"package\":\"g1-small\"}"},
            {"POST", "/rename", "{\"name\":\"x\"}"},
            {"GET", "/tags"},
            {"PUT", "/tags", "{}"},
            {"GET", "/metadata"},
            {"PUT", "/metadata", "{}"},
            {"GET", "/nics"},
            {"POST", "/nics", "{\"network\":\"demo-public\"}"},
            {"DELETE", "/nics/90:b8:d0:00:00:01"},
            {"GET", "/snapshots"},
            {"POST", "/snapshots", "{\"name\":\"s\"}"},
            {"POST", "/snapshots/s/rollback"},
            {"DELETE", "/snapshots/s"},
            {"GET", "/jobs"}
        };
        for (String[] c : calls) {
            String body = c.length > 2 ? c[2] : null;
            HttpResponse<String> foreign = api.call("bob", c[0], "/api/v1/machines/" + id + c[1], body);
            HttpResponse<String> absent = api.call("bob", c[0], "/api/v1/machines/" + missing + c[1], body);
            assertThat(foreign.statusCode())
                    .as(c[0] + " " + c[1])
                    .isEqualTo(404)
                    .isEqualTo(absent.statusCode());
            assertThat(Api.json(foreign).path("code").asText())
                    .isEqualTo(Api.json(absent).path("code").asText());
            assertThat(foreign.body()).doesNotContain("private-1");
        }
        assertThat(machine(id).path("name").asText()).isEqualTo("private-1");
    }

    @Test
    void jobs_are_listed_for_the_tenant_only_and_filtered() {
        running("jobs-1", "joyent", "base-64-lts", "");
        JsonNode mine = Api.json(api.call("alice", "GET", "/api/v1/jobs?search=jobs-1", null));
        assertThat(mine).isNotEmpty();
        assertThat(mine.get(0).path("action").asText()).isEqualTo("create");
        JsonNode bobs = Api.json(api.call("bob", "GET", "/api/v1/jobs?search=jobs-1", null));
        assertThat(bobs).isEmpty();
        JsonNode all = Api.json(api.call("operator", "GET", "/api/v1/jobs?search=jobs-1", null));
        assertThat(all).hasSize(mine.size());
    }

    @Test
    void a_package_in_use_cannot_change_size_or_be_deleted_only_retired() {
        running("pkg-user", "joyent", "base-64-lts", "");
        JsonNode nano = null;
        for (JsonNode p : Api.json(api.call("operator", "GET", "/api/v1/packages", null))) {
            if (p.path("name").asText().equals("g1-nano")) {
                nano = p;
            }
        }
        assertThat(nano).isNotNull();
        String path = "/api/v1/packages/" + nano.path("id").asText();
        HttpResponse<String> grow = api.call("operator", "PUT", path, "{\"ramMiB\":768}");
        assertThat(grow.statusCode()).as(grow.body()).isEqualTo(409);
        assertThat(Api.json(grow).path("code").asText()).isEqualTo("InUse");
        assertThat(api.call("operator", "DELETE", path, null).statusCode()).isEqualTo(409);
        assertThat(Api.json(api.call("operator", "GET", path, null))
                        .path("ramMiB")
                        .asLong())
                .isEqualTo(512);
    }

    @Test
    void a_tenant_may_put_nics_on_its_own_private_network_but_not_on_another_tenants() {
        JsonNode m = running("private-net", "joyent", "base-64-lts", ",\"networks\":[{\"network\":\"acme-private\"}]");
        assertThat(m.path("nics").get(0).path("networkName").asText()).isEqualTo("acme-private");
        assertThat(m.path("ip").asText()).startsWith("10.100.0.");
        HttpResponse<String> foreign = api.call(
                "bob",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"sneaky\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\","
                        + "\"networks\":[{\"network\":\"acme-private\"}]}");
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(Api.json(foreign).path("errors").get(0).path("field").asText())
                .isEqualTo("networks.0.network");
        assertThat(Api.json(foreign).path("errors").get(0).path("code").asText())
                .isEqualTo("NotFound");
    }
}
