package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachineDetailPage;
import io.zonedeck.ui.pages.MachinesPage;
import org.junit.jupiter.api.Test;

/** A tenant's journey in Chromium: create, watch it run, see live CPU, stop, delete; another tenant never sees it. */
class MachineJourneyIT extends BrowserTestBase {

    @Test
    void alice_creates_watches_stops_and_deletes_a_machine_bob_never_sees_it() {
        Page page = newPage();
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        screenshot(page, "01-alice-machines");

        machines.openCreateDialog();
        machines.fillName("journey-01");
        screenshot(page, "02-create-dialog");
        machines.submit();
        machines.waitDialogClosed();
        page.waitForCondition(() -> machines.shows("journey-01"));
        screenshot(page, "03-provisioning");
        page.waitForCondition(
                () -> "running".equals(machines.stateOf("journey-01")),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        screenshot(page, "04-running");

        MachineDetailPage detail = machines.open("journey-01");
        assertThat(detail.state()).isEqualTo("running");
        int before = detail.chartUpdates();
        detail.waitForChartUpdates(before + 2);
        assertThat(detail.chartPoints()).isGreaterThanOrEqualTo(2);
        screenshot(page, "05-detail-live-cpu");

        detail.stop();
        detail.waitForState("stopped");
        screenshot(page, "06-stopped");

        Page bobPage = browser.newContext().newPage();
        MachinesPage bob = LoginPage.open(bobPage, baseUrl()).signInDemo("bob");
        bobPage.waitForTimeout(500);
        assertThat(bob.shows("journey-01")).isFalse();
        assertThat(bob.shows("shop-01")).isTrue();
        screenshot(bobPage, "07-bob-machines");
        bobPage.context().close();

        detail.deleteConfirmed();
        detail.waitDeleted();
        screenshot(page, "08-deleted");
    }

    @Test
    void invalid_name_is_refused_on_the_field_and_nothing_is_created() {
        Page page = newPage();
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        machines.openCreateDialog();
        machines.fillName("no spaces allowed");
        machines.submit();
        assertThat(machines.nameError()).contains("letters, digits");
        screenshot(page, "09-create-invalid");
        machines.cancelCreate();
        assertThat(machines.shows("no spaces allowed")).isFalse();
    }

    @Test
    void anonymous_visitor_is_sent_to_login_and_operator_sees_nodes() {
        Page page = newPage();
        page.navigate(baseUrl() + "/machines");
        page.locator("#login-form").waitFor();
        screenshot(page, "10-login");
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        page.navigate(baseUrl() + "/nodes");
        page.locator("#nodes-grid").waitFor();
        page.waitForCondition(() -> {
            String v = page.locator("#nodes-cpu-chart").getAttribute("data-updates");
            return v != null && Integer.parseInt(v) >= 3;
        });
        screenshot(page, "11-operator-nodes");
    }
}
