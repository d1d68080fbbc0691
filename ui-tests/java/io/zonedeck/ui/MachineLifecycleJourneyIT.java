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
import io.zonedeck.ui.pages.MachineDetailPage;
import io.zonedeck.ui.pages.MachineTabsPage;
import io.zonedeck.ui.pages.MachinesPage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant admin works one machine through its tabs in Chromium: resize, snapshots and a rollback, NICs, jobs,
 * tags, and finally deletes it. Every tab and dialog is photographed (target/screenshots/3x-*).
 */
class MachineLifecycleJourneyIT extends BrowserTestBase {
    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    private UUID runningMachine(String name) {
        return As.user(users, "alice", () -> {
            UUID id = machines.create(new CreateMachineRequest(name, "joyent", "base-64-lts", "g1-nano"))
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
    void alice_resizes_snapshots_rolls_back_and_deletes_her_machine() {
        UUID id = runningMachine("life-01");
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        MachineTabsPage tabs = MachineTabsPage.open(page, baseUrl(), id.toString());
        assertThat(tabs.fact("package")).startsWith("g1-nano");
        screenshot(page, "30-overview");

        tabs.openResize();
        tabs.choosePackage("g1-small");
        screenshot(page, "31-resize-dialog");
        tabs.confirmResize();
        page.waitForCondition(
                () -> tabs.fact("package").startsWith("g1-small"),
                new Page.WaitForConditionOptions().setTimeout(30_000));
        tabs.waitIdle();
        assertThat(tabs.fact("cpu-shares")).isEqualTo("100");
        screenshot(page, "32-overview-resized");

        tabs.openRename();
        tabs.fillRename("web-01");
        assertThat(tabs.fieldError("rename-name")).contains("already exists");
        screenshot(page, "33-rename-duplicate");
        tabs.cancel("rename-dialog", "rename-cancel");

        tabs.nicsTab();
        assertThat(tabs.nicCount()).isEqualTo(1);
        screenshot(page, "34-nics");
        tabs.openAddNic();
        tabs.addNicWithIp("192.168.200.7");
        assertThat(tabs.fieldError("nic-ip")).contains("is not an address of network demo-public");
        screenshot(page, "35-add-nic-invalid-ip");
        tabs.cancel("add-nic-dialog", "nic-cancel");

        tabs.snapshotsTab();
        screenshot(page, "36-snapshots-empty");
        tabs.openTakeSnapshot();
        tabs.fillSnapshotName("snap-1");
        screenshot(page, "37-take-snapshot");
        tabs.confirmSnapshot();
        tabs.waitForSnapshots(List.of("snap-1"));
        tabs.waitIdle();
        tabs.openTakeSnapshot();
        tabs.fillSnapshotName("snap-1");
        page.locator("#snapshot-confirm").click();
        assertThat(tabs.fieldError("snapshot-name")).contains("already exists");
        screenshot(page, "38-snapshot-duplicate");
        tabs.fillSnapshotName("snap-2");
        tabs.confirmSnapshot();
        tabs.waitForSnapshots(List.of("snap-1", "snap-2"));
        tabs.waitIdle();
        screenshot(page, "39-two-snapshots");

        tabs.openRollback("snap-1");
        assertThat(tabs.rollbackDestroys()).contains("snap-2");
        screenshot(page, "40-rollback-confirm");
        tabs.confirmRollback();
        tabs.waitForSnapshots(List.of("snap-1"));
        tabs.waitIdle();
        screenshot(page, "41-rolled-back");

        tabs.jobsTab();
        page.waitForCondition(() -> !tabs.jobs().isEmpty() && tabs.jobs().get(0).equals("rollback:succeeded"));
        assertThat(tabs.jobs()).contains("resize:succeeded", "snapshot:succeeded", "create:succeeded");
        screenshot(page, "42-jobs");

        tabs.metadataTab();
        tabs.setTag(0, "role", "web");
        tabs.saveTags();
        page.waitForCondition(
                () -> tabs.tagsStatus().equals("Saved"), new Page.WaitForConditionOptions().setTimeout(30_000));
        screenshot(page, "43-metadata-tags");

        MachineDetailPage overview = tabs.overview();
        tabs.waitIdle();
        page.locator("#action-delete").click();
        page.locator("vaadin-button[slot=confirm-button]").waitFor();
        screenshot(page, "44-delete-confirm");
        page.locator("vaadin-button[slot=confirm-button]").click();
        overview.waitDeleted();
        screenshot(page, "45-deleted");
        MachinesPage list = new MachinesPage(page);
        page.navigate(baseUrl() + "/machines");
        list.waitForGrid();
        page.waitForTimeout(500);
        assertThat(list.shows("life-01")).isFalse();
    }
}
