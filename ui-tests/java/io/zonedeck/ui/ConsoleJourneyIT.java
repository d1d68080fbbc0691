package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.zonedeck.support.Api;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachinesPage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The web console in Chromium: alice's terminal in a sim zone, a kvm machine's VNC screen, and tickets that work
 * once, for their user and session only.
 */
class ConsoleJourneyIT extends BrowserTestBase {

    /** What a WebSocket opened from the page's own script says when it closes: "code reason". */
    private static String closeOf(Page page, String url) {
        return (String) page.evaluate(
                "url => new Promise(r => { const w = new WebSocket(url); w.onclose = e => r(e.code + ' ' + e.reason);"
                        + " setTimeout(() => r('still open'), 8000); })",
                url);
    }

    @Test
    void alice_types_hostname_in_her_zones_console_bob_cannot_use_her_tickets() {
        // a machine of its own: the test stops it, and other tests' demo machines must stay as they are
        Api api = new Api(port);
        HttpResponse<String> made = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"term-01\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
        Page page = newPage();
        List<String> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> sockets.add(ws.url()));
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        page.waitForCondition(
                () -> "running".equals(machines.stateOf("term-01")),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        machines.open("term-01");
        page.locator("#tab-console").click();
        Locator terminal = page.locator("#console-terminal");
        page.waitForCondition(() -> "open".equals(terminal.getAttribute("data-state")));
        page.waitForCondition(() -> text(terminal).contains("]# "));
        assertThat(page.locator("#console-simulated").isVisible()).isTrue();
        page.locator("#console-terminal .xterm-helper-textarea").focus();
        page.keyboard().type("hostname");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> text(terminal).contains("hostname\nterm-01"));
        page.keyboard().type("prstat");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> text(terminal).contains("Total: 7 processes"));
        screenshot(page, "console-01-alice-shell");

        String ticketUrl = sockets.stream()
                .filter(u -> u.contains("console/ws?ticket="))
                .findFirst()
                .orElseThrow();
        assertThat(closeOf(page, ticketUrl)).as("a used ticket").startsWith("4403 ");

        // bob, signed in on his own, with alice's session-bound ticket and with a fresh one of hers from REST
        Page bob = browser.newContext().newPage();
        LoginPage.open(bob, baseUrl()).signInDemo("bob");
        String webId = machineId(api, "alice", "term-01");
        HttpResponse<String> t =
                api.call("alice", "POST", "/api/v1/machines/" + webId + "/console", "{\"kind\":\"shell\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        String restUrl = Api.json(t).path("url").asText();
        String bobsView = restUrl.replace("/api/v1/console/ws", "/console/ws");
        assertThat(closeOf(bob, bobsView)).as("alice's ticket in bob's session").startsWith("4403 ");
        assertThat(closeOf(page, bobsView))
                .as("the ticket was used up by bob's try")
                .startsWith("4403 ");
        bob.navigate(baseUrl() + "/machines/" + webId + "/console");
        bob.locator("#machine-not-found").waitFor();
        screenshot(bob, "console-02-bob-foreign-console");
        bob.context().close();

        // the machine stops: the console says so and what to do
        page.locator("#console-connect").click();
        page.waitForCondition(() -> "open".equals(terminal.getAttribute("data-state")));
        page.waitForCondition(() -> text(terminal).contains("]# "));
        HttpResponse<String> stop = api.call("alice", "POST", "/api/v1/machines/" + webId + "/stop", null);
        assertThat(stop.statusCode()).isEqualTo(202);
        page.waitForCondition(
                () -> "closed".equals(terminal.getAttribute("data-state")),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        assertThat(terminal.getAttribute("data-reason")).contains("the machine stopped");
        page.waitForCondition(
                () -> page.locator("#console-status").innerText().contains("start it to use its console"),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        screenshot(page, "console-03-machine-stopped");
        api.call("alice", "DELETE", "/api/v1/machines/" + webId, null);
    }

    @Test
    void a_kvm_machine_shows_its_screen_over_vnc() {
        Api api = new Api(port);
        HttpResponse<String> created = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"vnc-01\",\"brand\":\"kvm\",\"image\":\"ubuntu-24.04-kvm\",\"package\":\"g1-large\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        Page page = newPage();
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        page.waitForCondition(
                () -> "running".equals(machines.stateOf("vnc-01")),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        machines.open("vnc-01");
        page.locator("#tab-console").click();
        Locator vnc = page.locator("#console-vnc");
        page.waitForCondition(() -> "open".equals(vnc.getAttribute("data-state")));
        assertThat(vnc.getAttribute("data-desktop")).isEqualTo("vnc-01 (simulated)");
        page.waitForCondition(() -> litPixels(page) > 2000);
        screenshot(page, "console-04-kvm-vnc");
        page.locator("#console-cad").click();
        assertThat(page.locator("#console-status").innerText()).startsWith("Connected");
        api.call("alice", "DELETE", "/api/v1/machines/" + machineId(api, "alice", "vnc-01"), null);
    }

    private static String text(Locator terminal) {
        String t = terminal.getAttribute("data-text");
        return t == null ? "" : t;
    }

    /** Pixels that are not the background on the noVNC canvas. */
    private static int litPixels(Page page) {
        Object n = page.evaluate("() => { const c = document.querySelector('#console-vnc canvas');"
                + " if (!c || !c.width) return 0; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let lit = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] > 100 || d[i+1] > 100) lit++; }"
                + " return lit; }");
        return ((Number) n).intValue();
    }

    private static String machineId(Api api, String user, String name) {
        for (JsonNode m : Api.json(api.call(user, "GET", "/api/v1/machines", null))) {
            if (name.equals(m.path("name").asText())) {
                return m.path("id").asText();
            }
        }
        throw new AssertionError("no machine " + name);
    }
}
