package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.ui.pages.FailoverPage;
import io.zonedeck.ui.pages.LoginPage;
import org.junit.jupiter.api.Test;

/** A tenant makes a VRRP pair of two zones, watches it elect a master, switches over and sees the history. */
class FailoverJourneyIT extends BrowserTestBase {

    @Test
    void alice_creates_a_pair_switches_over_and_sees_the_states_swap() {
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        FailoverPage failover = FailoverPage.open(page, baseUrl());
        failover.create("ui-vip", "web-01", "web-02");
        screenshot(page, "20-failover-pairs");
        failover.openPair("ui-vip");
        failover.waitForStates("web-01", "MASTER", 15_000);
        failover.waitForStates("web-02", "BACKUP", 15_000);
        int rowsBefore = failover.historyRows();
        screenshot(page, "21-pair-healthy");

        failover.switchOver();
        failover.waitForStates("web-02", "MASTER", 5_000);
        failover.waitForStates("web-01", "BACKUP", 5_000);
        page.waitForCondition(() -> failover.historyRows() > rowsBefore);
        assertThat(page.locator("#pair-history").innerText()).contains("web-01");
        screenshot(page, "22-pair-switched-over");
    }
}
