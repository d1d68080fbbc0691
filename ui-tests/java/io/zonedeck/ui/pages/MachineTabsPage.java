package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.Arrays;
import java.util.List;

/** The machine page's tabs and their dialogs, as a user works them. */
public class MachineTabsPage {
    private static final Locator.WaitForOptions GONE =
            new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED);
    private final Page page;

    public MachineTabsPage(Page page) {
        this.page = page;
    }

    public static MachineTabsPage open(Page page, String baseUrl, String machineId) {
        page.navigate(baseUrl + "/machines/" + machineId);
        page.locator("#machine-title").waitFor();
        return new MachineTabsPage(page);
    }

    public MachineDetailPage overview() {
        page.locator("#tab-overview").click();
        page.locator("#machine-resources").waitFor();
        return new MachineDetailPage(page);
    }

    public String fact(String name) {
        return page.locator("[data-fact='" + name + "']").first().innerText().trim();
    }

    /** Waits until the machine has no running job (the overview's progress bar is gone) and its state is settled. */
    public void waitIdle() {
        page.waitForCondition(
                () -> page.locator("#job-progress").count() == 0
                        && "running stopped".contains(String.valueOf(new MachineDetailPage(page).state())),
                new Page.WaitForConditionOptions().setTimeout(30_000));
    }

    // --- overview dialogs

    public void openResize() {
        page.locator("#resize-machine").click();
        page.locator("#resize-package").waitFor();
    }

    public void choosePackage(String name) {
        page.locator("#resize-package vaadin-radio-button", new Page.LocatorOptions().setHasText(name))
                .click();
        page.waitForCondition(
                () -> page.locator("#resize-difference").innerText().contains("Change:"));
    }

    public void confirmResize() {
        page.locator("#resize-confirm").click();
        page.locator("#resize-dialog").waitFor(GONE);
    }

    public void openRename() {
        page.locator("#rename-machine").click();
        page.locator("#rename-name").waitFor();
    }

    public void fillRename(String name) {
        page.locator("#rename-name input").fill(name);
        page.locator("#rename-confirm").click();
    }

    public String fieldError(String fieldId) {
        page.locator("#" + fieldId + "[invalid]").waitFor();
        return (String) page.locator("#" + fieldId).evaluate("e => e.errorMessage");
    }

    public void cancel(String dialogId, String cancelId) {
        page.locator("#" + cancelId).click();
        page.locator("#" + dialogId).waitFor(GONE);
    }

    // --- NICs

    public void nicsTab() {
        page.locator("#tab-nics").click();
        page.locator("#nics-grid").waitFor();
    }

    public int nicCount() {
        return Integer.parseInt(page.locator("#nics-grid").getAttribute("data-count"));
    }

    public void openAddNic() {
        page.locator("#add-nic").click();
        page.locator("#nic-ip").waitFor();
    }

    public void addNicWithIp(String ip) {
        page.locator("#nic-ip input").fill(ip);
        page.locator("#nic-confirm").click();
    }

    // --- snapshots

    public void snapshotsTab() {
        page.locator("#tab-snapshots").click();
        page.locator("#take-snapshot").waitFor();
    }

    public void openTakeSnapshot() {
        page.locator("#take-snapshot").click();
        page.locator("#snapshot-name").waitFor();
    }

    public void fillSnapshotName(String name) {
        page.locator("#snapshot-name input").fill(name);
    }

    public void confirmSnapshot() {
        page.locator("#snapshot-confirm").click();
        page.locator("#snapshot-dialog").waitFor(GONE);
    }

    /** The snapshots' names, oldest first. */
    public List<String> snapshots() {
        String v = page.locator("#snapshots-grid").getAttribute("data-snapshots");
        return v == null || v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    public void waitForSnapshots(List<String> names) {
        page.waitForCondition(() -> snapshots().equals(names), new Page.WaitForConditionOptions().setTimeout(30_000));
    }

    public void openRollback(String snapshot) {
        page.locator("#snapshots-grid vaadin-button.rollback-snapshot[data-snapshot='" + snapshot + "']")
                .click();
        page.locator("#rollback-confirm").waitFor();
    }

    public String rollbackDestroys() {
        return page.locator("#rollback-destroyed").innerText();
    }

    public void confirmRollback() {
        page.locator("#rollback-confirm").click();
        page.locator("#rollback-dialog").waitFor(GONE);
    }

    // --- jobs, metadata

    public void jobsTab() {
        page.locator("#tab-jobs").click();
        page.locator("#jobs-grid").waitFor();
    }

    /** "action:state" of each job, newest first. */
    public List<String> jobs() {
        String v = page.locator("#jobs-grid").getAttribute("data-jobs");
        return v == null || v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    public void metadataTab() {
        page.locator("#tab-metadata").click();
        page.locator("#tags-editor").waitFor();
    }

    public void setTag(int row, String key, String value) {
        page.locator("#tags-editor-key-" + row + " input").fill(key);
        page.locator("#tags-editor-value-" + row + " input").fill(value);
    }

    public void saveTags() {
        page.locator("#save-tags").click();
    }

    public String tagsStatus() {
        return page.locator("#tags-editor-status").innerText();
    }
}
