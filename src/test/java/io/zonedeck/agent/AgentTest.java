package io.zonedeck.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.NodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentTest {

    @Test
    void starts_a_sim_agent_on_an_ephemeral_port_and_serves_the_protocol() throws Exception {
        AgentConfig cfg =
                AgentConfig.sim("node-7", "tok").withProvisionSeconds(0).withIpBase("10.88.7");
        try (Agent agent = Agent.start(cfg)) {
            agent.simDriver()
                    .createImmediately(new CreatePayload(
                            UUID.randomUUID(),
                            "joyent",
                            "seed",
                            null,
                            512L,
                            5L,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/v1/node"))
                                    .header("Authorization", "Bearer tok")
                                    .header(AgentJson.NODE_HEADER, "node-7")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            NodeInfo info = AgentJson.newMapper().readValue(r.body(), NodeInfo.class);
            assertThat(info.nodeId()).isEqualTo("node-7");
            assertThat(info.machineCount()).isEqualTo(1);
            assertThat(agent.port()).isPositive();
            assertThat(agent.nodeId()).isEqualTo("node-7");
            assertThat(agent.driver().list().get(0).ips()).containsExactly("10.88.7.10");
        }
    }

    @Test
    void a_driver_missing_from_this_build_is_a_clear_error() {
        AgentConfig cfg = AgentConfig.sim("n", "t");
        AgentConfig smartos = new AgentConfig(
                cfg.nodeId(),
                cfg.tokenHash(),
                cfg.bindAddress(),
                0,
                "smartos",
                cfg.seed(),
                cfg.cpus(),
                cfg.ramMiB(),
                cfg.diskGiB(),
                cfg.ipBase(),
                0,
                cfg.bufferCapacity(),
                null,
                false);
        assertThatThrownBy(() -> Agent.start(smartos.withDriver("hyperv", null)))
                .hasMessage("driver hyperv not available in this build");
    }

    @Test
    void the_smartos_driver_off_smartos_is_a_clear_error_naming_the_command() {
        AgentConfig smartos = AgentConfig.sim("n", "t").withDriver("smartos", null);
        assertThatThrownBy(() -> Agent.start(smartos))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the smartos driver cannot start here: ")
                .hasMessageContaining("sysinfo");
    }

    @Test
    void config_does_not_print_the_token() {
        assertThat(AgentConfig.sim("n", "very-secret").toString()).doesNotContain("very-secret");
    }

    @Test
    void command_line_is_parsed_with_defaults() {
        AgentConfig cfg = AgentMain.parse(
                new String[] {
                    "--driver",
                    "sim",
                    "--port",
                    "9101",
                    "--node-id",
                    "node-1",
                    "--token",
                    "S",
                    "--cpus",
                    "8",
                    "--ram-mib",
                    "32768"
                },
                Map.of());
        assertThat(cfg.port()).isEqualTo(9101);
        assertThat(cfg.nodeId()).isEqualTo("node-1");
        assertThat(cfg.tokenHash()).isEqualTo(io.zonedeck.agent.server.TokenHash.of("S"));
        assertThat(cfg.tls()).as("HTTPS unless --plain-http").isTrue();
        assertThat(cfg.cpus()).isEqualTo(8);
        assertThat(cfg.ramMiB()).isEqualTo(32768);
        assertThat(cfg.diskGiB()).isEqualTo(1024);
        assertThat(cfg.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(cfg.seed()).isEqualTo(42);
    }

    @Test
    void token_may_come_from_the_environment() {
        AgentConfig cfg = AgentMain.parse(
                new String[] {"--driver", "sim", "--port", "0", "--node-id", "n"},
                Map.of(AgentMain.TOKEN_ENV, "from-env"));
        assertThat(cfg.tokenHash()).isEqualTo(io.zonedeck.agent.server.TokenHash.of("from-env"));
    }

    @Test
    void the_agent_keeps_only_the_hash_it_is_given_from_the_flag_or_the_environment() {
        String sha256OfS = "8de0b3c47f112c59745f717a626932264c422a7563954872e237b223af4ad643";
        AgentConfig flag = AgentMain.parse(
                new String[] {
                    "--driver", "sim", "--port", "0", "--node-id", "n", "--token-sha256", sha256OfS.toUpperCase()
                },
                Map.of());
        assertThat(flag.tokenHash()).isEqualTo(io.zonedeck.agent.server.TokenHash.of("S"));
        AgentConfig env = AgentMain.parse(
                new String[] {"--driver", "sim", "--port", "0", "--node-id", "n", "--plain-http"},
                Map.of(AgentMain.TOKEN_HASH_ENV, sha256OfS + "  -\n"));
        assertThat(env.tokenHash().hex()).isEqualTo(sha256OfS);
        assertThat(env.tls()).isFalse();
        assertThat(env.toString()).doesNotContain(sha256OfS);
        assertThatThrownBy(() -> AgentMain.parse(
                        new String[] {"--driver", "sim", "--port", "0", "--node-id", "n", "--token-sha256", "abc"},
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void bad_command_lines_are_rejected_with_a_reason() {
        assertThatThrownBy(() -> AgentMain.parse(new String[] {"--driver", "sim", "--port", "1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--node-id");
        assertThatThrownBy(() -> AgentMain.parse(
                        new String[] {"--driver", "sim", "--port", "x", "--node-id", "n", "--token", "t"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() ->
                        AgentMain.parse(new String[] {"--driver", "sim", "--port", "1", "--node-id", "n"}, Map.of()))
                .hasMessageContaining("ZONEDECK_AGENT_TOKEN");
        assertThatThrownBy(() -> AgentMain.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> AgentMain.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("missing value");
    }

    @Test
    void an_agent_over_tls_makes_its_identity_once_and_presents_it_again_after_a_restart(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AgentConfig cfg = AgentConfig.sim("tls-node", "tok")
                .withProvisionSeconds(0)
                .withDriver("sim", dir.toString())
                .withTls(true);
        java.util.Optional<io.zonedeck.agent.api.Fingerprint> first;
        try (Agent agent = Agent.start(cfg)) {
            assertThat(agent.url()).startsWith("https://127.0.0.1:");
            first = agent.fingerprint();
            assertThat(first).isPresent();
            assertThat(dir.resolve("tls/agent-key.pem")).exists();
        }
        try (Agent again = Agent.start(cfg)) {
            assertThat(again.fingerprint()).isEqualTo(first);
        }
        try (Agent plain = Agent.start(cfg.withTls(false))) {
            assertThat(plain.url()).startsWith("http://");
            assertThat(plain.fingerprint()).isEmpty();
        }
    }
}
