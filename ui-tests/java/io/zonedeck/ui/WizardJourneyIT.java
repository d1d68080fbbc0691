package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.ui.pages.CreateWizardPage;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachineDetailPage;
import io.zonedeck.ui.pages.MachinesPage;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Alice creates a machine with the wizard: errors appear on the fields, she fixes them and lands on it. */
class WizardJourneyIT extends BrowserTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    NodeRegistry nodes;

    @org.junit.jupiter.api.AfterEach
    void clearFaults() {
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults());
    }

    static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHdpemFyZGpvdXJuZXlrZXkxMjM0NTY3ODkwYWJj alice@laptop";

    @Test
    @SuppressWarnings("unchecked")
    void alice_fixes_the_errors_the_wizard_shows_and_lands_on_her_new_machine() {
        Page page = newPage();
        MachinesPage machines = LoginPage.open(page, baseUrl()).signInDemo("alice");
        CreateWizardPage wizard = machines.openWizard();

        wizard.name("web-01"); // alice already has a web-01
        wizard.next();
        assertThat(wizard.errorOf("wizard-name")).contains("already exists");
        assertThat(wizard.step()).isZero();
        screenshot(page, "wiz-01-duplicate-name");

        wizard.name("wizard-01");
        wizard.nextAndSettle();
        wizard.waitStep(1);
        screenshot(page, "wiz-02-image");
        wizard.nextAndSettle();
        wizard.waitStep(2);
        wizard.pkg("g1-small");
        screenshot(page, "wiz-03-package");
        wizard.nextAndSettle();
        wizard.waitStep(3);

        wizard.ip(0, "192.168.1.9");
        wizard.next();
        assertThat(wizard.errorOf("wizard-ip-0")).contains("is not in demo-public");
        assertThat(wizard.step()).isEqualTo(3);
        screenshot(page, "wiz-04-ip-outside-subnet");
        wizard.ip(0, "");
        wizard.nextAndSettle();
        wizard.waitStep(4);

        wizard.sshKeys(KEY);
        wizard.tag("role", "web");
        screenshot(page, "wiz-05-keys-and-tags");
        wizard.nextAndSettle();
        wizard.waitStep(5);
        String review = wizard.review();
        assertThat(review)
                .contains("wizard-01", "g1-small", "role=web", "alice@laptop", "Impact on your tenant (acme)");
        // the machine's line in the quota table: in use, + this machine, after, quota
        assertThat(page.locator("#wizard-impact-table").innerText())
                .containsPattern("RAM\\s+[\\d.]+ \\w+B\\s+\\+ 1 GiB");
        assertThat(page.locator("#wizard-quota-exceeded").count()).isZero();
        screenshot(page, "wiz-06-review");

        // a create takes a second in the test datacenter: ten here, so the page is seen provisioning
        nodes.all().forEach(n -> nodes.client(n.id()).injectFault(new SimFault("create", "slow", null, null, 1)));
        wizard.create();
        wizard.waitClosed();
        page.waitForURL(Pattern.compile(".*/machines/[0-9a-f-]{36}$"));
        page.locator("#machine-title").waitFor();
        // every state the page shows from now on, to see provisioning turn into running
        page.evaluate("() => { const el = document.querySelector('#machine-state'); window.zdStates = "
                + "[el.getAttribute('data-state')]; new MutationObserver(() => window.zdStates.push("
                + "el.getAttribute('data-state'))).observe(el, {attributes: true}); }");
        assertThat(page.locator("#machine-title").innerText()).isEqualTo("wizard-01");
        screenshot(page, "wiz-07-provisioning");
        MachineDetailPage detail = new MachineDetailPage(page);
        detail.waitForState("running");
        List<String> seen = (List<String>) page.evaluate("() => window.zdStates");
        assertThat(seen).first().isEqualTo("provisioning");
        assertThat(seen).last().isEqualTo("running");
        screenshot(page, "wiz-08-running");

        machines.backToList();
        machines.search("wizard-");
        machines.filterTag("role=web");
        page.waitForCondition(() -> machines.shows("wizard-01") && !machines.shows("web-01"));
        screenshot(page, "wiz-09-filtered-grid");

        page.navigate(baseUrl() + "/jobs");
        page.locator("#jobs-grid").waitFor();
        page.waitForCondition(
                () -> page.locator("#jobs-grid .job-machine-link", new Page.LocatorOptions().setHasText("wizard-01"))
                                .count()
                        > 0);
        screenshot(page, "wiz-10-jobs");
    }
}
