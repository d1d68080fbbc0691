package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.zonedeck.agent.driver.linux.LinuxHost;
import io.zonedeck.support.Api;
import io.zonedeck.support.RealVnc;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachinesPage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * noVNC in Chromium against a real VNC server: TigerVNC's X server from Debian stands in for a kvm machine's screen
 * (the demo's {@code zonedeck.demo.sim-vnc}), reached through portal and agent like any VM's VNC endpoint.
 */
class RealVncJourneyIT extends BrowserTestBase {
    static Process xvnc;
    static int vncPort;

    @DynamicPropertySource
    static void realVnc(DynamicPropertyRegistry registry) throws Exception {
        if (xvnc == null && RealVnc.installed()) {
            vncPort = RealVnc.freePort();
            xvnc = RealVnc.start(vncPort, "640x400", "zonedeck-real-vnc");
        }
        registry.add("zonedeck.demo.sim-vnc", () -> xvnc == null ? "" : "127.0.0.1:" + vncPort);
    }

    @AfterAll
    static void stopXvnc() {
        if (xvnc != null) {
            xvnc.destroyForcibly();
        }
    }

    @Test
    void novnc_shows_the_real_servers_desktop() {
        LinuxHost.need(xvnc != null, "Xtigervnc (tigervnc-standalone-server)");
        Api api = new Api(port);
        HttpResponse<String> created = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"realvnc-01\",\"brand\":\"bhyve\",\"image\":\"ubuntu-24.04-kvm\",\"package\":\"g1-large\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        Page page = newPage();
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        page.waitForCondition(
                () -> "running".equals(machines.stateOf("realvnc-01")),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        machines.open("realvnc-01");
        page.locator("#tab-console").click();
        Locator vnc = page.locator("#console-vnc");
        page.waitForCondition(() -> "open".equals(vnc.getAttribute("data-state")));
        assertThat(vnc.getAttribute("data-desktop")).isEqualTo("zonedeck-real-vnc");
        Object width = page.evaluate("() => document.querySelector('#console-vnc canvas').width");
        Object height = page.evaluate("() => document.querySelector('#console-vnc canvas').height");
        assertThat(((Number) width).intValue())
                .as("the real server's framebuffer")
                .isEqualTo(640);
        assertThat(((Number) height).intValue()).isEqualTo(400);
        screenshot(page, "console-05-real-vnc-server");
        api.call("alice", "DELETE", "/api/v1/machines/" + machineId(api), null);
    }

    private static String machineId(Api api) {
        for (var m : Api.json(api.call("alice", "GET", "/api/v1/machines", null))) {
            if ("realvnc-01".equals(m.path("name").asText())) {
                return m.path("id").asText();
            }
        }
        throw new AssertionError("no realvnc-01");
    }
}
