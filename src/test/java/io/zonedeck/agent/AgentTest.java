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
                cfg.token(),
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
                null);
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
        assertThat(cfg.token()).isEqualTo("S");
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
        assertThat(cfg.token()).isEqualTo("from-env");
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
}
