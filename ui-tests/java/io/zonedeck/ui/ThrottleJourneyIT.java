package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachineTabsPage;
import io.zonedeck.ui.pages.ThrottlesPage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant admin throttles her machine in Chromium: the Throttles tab shows the package's values, she caps it at
 * 50 % with a baseline and a burst, and the live chart's cap and CPU settle at or below 50 (target/screenshots/5x-*).
 */
class ThrottleJourneyIT extends BrowserTestBase {
    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    private UUID runningMachine(String name, String pkg) {
        return As.user(users, "alice", () -> {
            UUID id = machines.create(new CreateMachineRequest(name, "joyent", "base-64-lts", pkg))
                    .machine()
                    .id();
            Eventually.until(
                    Duration.ofSeconds(30),
                    () -> machines.get(id),
                    (MachineSummary m) -> m.state().equals("running"),
                    name + " running");
            return id;
        });
    }

    @Test
    void alice_caps_her_machine_at_50_and_the_chart_follows() {
        UUID id = runningMachine("throttle-01", "g1-medium"); // cap 100, shares 200
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        MachineTabsPage.open(page, baseUrl(), id.toString());
        ThrottlesPage throttles = ThrottlesPage.open(page);
        assertThat(throttles.value("cpu_cap")).isEqualTo("100");
        assertThat(throttles.helper("cpu_cap"))
                .contains("package g1-medium: 100 %")
                .contains("you may set 1–100");
        page.waitForCondition(() -> throttles.points() >= 6 * 3); // a few seconds of every series
        screenshot(page, "50-throttles-before");

        // out of bounds first: refused on the field
        throttles.set("cpu_cap", 150);
        throttles.save();
        page.locator("#throttle-cpu_cap[invalid]").waitFor();
        assertThat((String) page.locator("#throttle-cpu_cap").evaluate("e => e.errorMessage"))
                .contains("between 1 and 100");
        screenshot(page, "51-throttles-refused");

        throttles.set("cpu_cap", 50);
        throttles.set("cpu_baseline", 20);
        throttles.set("cpu_burst_seconds", 30);
        throttles.save();
        throttles.waitOverridden("cpu_cap");
        throttles.waitJobDone();
        assertThat(throttles.overridden("cpu_baseline")).isTrue();
        assertThat(throttles.overridden("cpu_shares")).isFalse();

        // the chart's cap series reaches 50 and CPU used stays at or below it
        page.waitForCondition(
                () -> throttles.lastValues(2, 3).equals(List.of(50.0, 50.0, 50.0)),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        page.waitForCondition(
                () -> throttles.lastValues(0, 3).stream().allMatch(v -> v >= 0 && v <= 50.0)
                        && throttles.lastValues(3, 1).equals(List.of(20.0)),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        assertThat(throttles.attribute("data-cap")).isEqualTo("50.0");
        page.waitForTimeout(20_000); // twenty seconds of the new limits on the chart
        assertThat(throttles.lastValues(0, 20)).allSatisfy(v -> assertThat(v).isBetween(0.0, 50.0));
        screenshot(page, "52-throttles-capped");

        // the chart survives a round trip through another tab
        page.locator("#tab-overview").click();
        page.locator("#machine-resources").waitFor();
        ThrottlesPage again = ThrottlesPage.open(page);
        page.waitForCondition(() -> again.points() >= 6 * 20);
        assertThat(again.lastValues(2, 1)).containsExactly(50.0);
        screenshot(page, "53-throttles-again");
    }
}
