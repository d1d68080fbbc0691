package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.WorkloadImages;
import io.zonedeck.agent.driver.linux.LinuxHost;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.ui.pages.CreateWizardPage;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachineDetailPage;
import io.zonedeck.ui.pages.MachinesPage;
import io.zonedeck.ui.pages.ThrottlesPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo with a real linux node (its own Spring context: the demo datacenter plus {@code linux-1}, an agent over
 * the linux driver in this JVM). Alice creates a zone from the CPU-burner image in the wizard; placement puts it on
 * the linux node, the only one that names the image. The real busy loop runs a full CPU; she caps it at 50 % on the
 * Throttles tab and the chart, fed by the kernel's cgroup accounting, settles at about 50 (target/screenshots/6x-*).
 */
@TestPropertySource(
        properties = {
            "zonedeck.demo.linux-node=true",
            "zonedeck.demo.linux-state-dir=target/linux-node-it",
            "zonedeck.demo.linux-ip-base=10.88.0" // the demo's public network, as in the demo
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxNodeJourneyIT extends BrowserTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    @Test
    @Order(1)
    void alice_caps_a_real_cpu_burner_at_50_and_the_chart_settles_there() {
        LinuxHost.needRoot();
        favourTheLinuxNode();
        Page page = newPage();
        MachinesPage grid = LoginPage.open(page, baseUrl()).signInDemo("alice");
        CreateWizardPage wizard = grid.openWizard();
        wizard.name("burner-01");
        wizard.brand("joyent");
        wizard.nextAndSettle();
        wizard.waitStep(1);
        wizard.image("linux-cpu-burner");
        wizard.nextAndSettle();
        wizard.waitStep(2);
        wizard.pkg("g1-medium"); // cpu_cap 100: one full CPU
        for (int step = 3; step <= 5; step++) {
            wizard.nextAndSettle();
            wizard.waitStep(step);
        }
        wizard.create();
        wizard.waitClosed();

        page.waitForURL(Pattern.compile(".*/machines/[0-9a-f-]{36}$"));
        MachineDetailPage detail = new MachineDetailPage(page);
        // the create queues behind the demo datacenter's own seeding jobs in a fresh context
        try {
            page.waitForCondition(
                    () -> "running".equals(detail.state()), new Page.WaitForConditionOptions().setTimeout(90_000));
        } catch (RuntimeException e) {
            screenshot(page, "60-linux-burner-never-running");
            throw new AssertionError(
                    "burner-01 never ran; jobs: "
                            + new io.zonedeck.support.Api(port)
                                    .call("operator", "GET", "/api/v1/jobs?limit=20", null)
                                    .body(),
                    e);
        }
        MachineSummary burner = As.user(
                users,
                "operator",
                () -> this.machines.list().stream()
                        .filter(m -> m.name().equals("burner-01"))
                        .findFirst()
                        .orElseThrow());
        assertThat(burner.nodeName())
                .as("placed on the node that names the image")
                .isEqualTo("linux-1");
        assertThat(answers(burner.ip()))
                .as("the address the portal shows, " + burner.ip() + ", answers from the host")
                .isTrue();

        ThrottlesPage throttles = ThrottlesPage.open(page);
        // uncapped (the package's 100 %), the busy loop takes a whole CPU
        page.waitForCondition(
                () -> mean(throttles.lastValues(0, 3)) > 85, new Page.WaitForConditionOptions().setTimeout(20_000));
        page.locator("#throttle-chart").scrollIntoViewIfNeeded();
        screenshot(page, "60-linux-burner-uncapped");

        throttles.set("cpu_cap", 50);
        throttles.save();
        throttles.waitOverridden("cpu_cap");
        throttles.waitJobDone();
        // the kernel's CFS quota now holds it: five seconds in a row at about 50
        page.waitForCondition(
                () -> throttles.lastValues(0, 5).stream().allMatch(v -> v >= 40 && v <= 60),
                new Page.WaitForConditionOptions().setTimeout(20_000));
        List<Double> settled = throttles.lastValues(0, 5);
        System.out.println("linux burner capped at 50: last 5 s " + settled);
        assertThat(mean(settled)).isBetween(45.0, 55.0);
        assertThat(throttles.lastValues(2, 1)).containsExactly(50.0);
        page.locator("#throttle-chart").scrollIntoViewIfNeeded();
        screenshot(page, "61-linux-burner-capped");
    }

    /**
     * An operator adds a real node by URL and credential, as for a remote host: a second linux agent (its own
     * state dir and subnet) registered over REST shows up like any node, with its driver and capabilities.
     */
    @Test
    @Order(2)
    void an_operator_registers_a_linux_agent_by_url_and_credential_and_sees_its_capabilities() throws Exception {
        LinuxHost.needRoot();
        Path state = Files.createTempDirectory("zd-linux-2");
        try (Agent agent = Agent.start(AgentConfig.sim("linux-2", "linux-2-secret")
                .withDriver("linux", state.toString())
                .withIpBase("10.94.0"))) {
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("operator:operator-demo".getBytes());
            HttpResponse<String> wrong = register(http, auth, agent.port(), "not-it");
            assertThat(wrong.statusCode()).isEqualTo(400); // "not a ZoneDeck agent (or not for this … credential)"
            assertThat(wrong.body()).contains("credential");

            HttpResponse<String> created = register(http, auth, agent.port(), "linux-2-secret");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode node = JSON.readTree(created.body());
            assertThat(node.path("driver").asText()).isEqualTo("linux");
            JsonNode caps = node.path("capabilities");
            assertThat(caps.path("brands").toString()).contains("joyent").doesNotContain("kvm");
            assertThat(caps.path("throttles").toString()).contains("cpu_cap", "disk_bps_max");
            assertThat(caps.path("metrics").toString()).contains("cpu").doesNotContain("io_delay");
            assertThat(caps.path("snapshots").asBoolean()).isFalse();
            assertThat(caps.path("images").toString()).contains(WorkloadImages.CPU_BURNER.toString());

            // and the Nodes page lists it like any other
            Page page = newPage();
            LoginPage.open(page, baseUrl()).signInDemo("operator");
            page.navigate(baseUrl() + "/nodes");
            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("linux-2"))
                    .first()
                    .waitFor();
            screenshot(page, "62-nodes-with-linux");
        }
    }

    /**
     * The linux node's machines outlive the portal by design (the next start re-adopts them): this test's burner is
     * deleted through the portal, so it leaves no process, cgroup or namespace behind on the host.
     */
    @AfterEach
    void deleteTheBurner() {
        As.user(users, "operator", () -> {
            machines.list().stream()
                    .filter(m -> m.nodeName() != null && m.nodeName().equals("linux-1"))
                    .forEach(m -> {
                        machines.delete(m.id());
                        Eventually.until(
                                Duration.ofSeconds(30),
                                () -> machines.find(m.id()),
                                (Optional<MachineSummary> o) ->
                                        o.isEmpty() || o.get().state().equals("destroyed"),
                                m.name() + " deleted");
                    });
            return null;
        });
    }

    /**
     * The portal, the sim nodes and Chromium share this host's two CPUs with the linux node: its cgroup gets ten
     * times the default CPU weight, so that the burner's cap, not the browser next to it, decides what it gets (the
     * machine's own throttles are untouched; a real node does not host the portal).
     */
    private static void favourTheLinuxNode() {
        // the parent too: on cgroup v1 every busy thread of this JVM in the root group weighs as much as the whole
        // zonedeck group, and two cores are shared with the other test JVM
        for (Path weight : List.of(
                Path.of("/sys/fs/cgroup/cpu/zonedeck/cpu.shares"),
                Path.of("/sys/fs/cgroup/cpu/zonedeck/linux-1/cpu.shares"),
                Path.of("/sys/fs/cgroup/zonedeck/cpu.weight"),
                Path.of("/sys/fs/cgroup/zonedeck/linux-1/cpu.weight"))) {
            if (Files.exists(weight)) {
                try {
                    Files.writeString(weight, weight.endsWith("cpu.shares") ? "102400" : "10000");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private HttpResponse<String> register(HttpClient http, String auth, int port, String credential)
            throws IOException, InterruptedException {
        String body = "{\"name\":\"linux-2\",\"url\":\"http://127.0.0.1:" + port + "\",\"credential\":\"" + credential
                + "\"}";
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/nodes"))
                        .header("Authorization", auth)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether a host answers at {@code ip}: a TCP connect to a closed port that is refused (a RST from the machine's
     * kernel) counts, a timeout or "no route" does not.
     */
    private static boolean answers(String ip) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(ip, 9), 2000);
            return true;
        } catch (java.net.ConnectException e) {
            return e.getMessage() != null && e.getMessage().contains("refused");
        } catch (IOException e) {
            return false;
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
