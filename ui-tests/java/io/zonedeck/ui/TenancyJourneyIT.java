package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.zonedeck.support.Api;
import io.zonedeck.ui.pages.CreateWizardPage;
import io.zonedeck.ui.pages.DashboardPage;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachinesPage;
import io.zonedeck.ui.pages.TenantsPage;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Tenancy as people meet it: a disabled user's open page lands on the login page within seconds; the operator sets a
 * quota on the tenants page and the tenant hits it in the wizard; a tenant admin asks for more and the operator
 * approves.
 */
@DirtiesContext
class TenancyJourneyIT extends BrowserTestBase {

    private Api api() {
        return new Api(port);
    }

    private String userId(String name) {
        for (JsonNode u : Api.json(api().call("operator", "GET", "/api/v1/users", null))) {
            if (u.path("username").asText().equals(name)) {
                return u.path("id").asText();
            }
        }
        throw new AssertionError("no user " + name);
    }

    /** A second browser (its own cookies), closed by the caller. */
    private BrowserContext otherBrowser() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    }

    @Test
    void a_disabled_users_open_page_lands_on_the_login_page_within_five_seconds() {
        Page bob = newPage();
        LoginPage.open(bob, baseUrl()).signInDemo("bob");
        DashboardPage.open(bob, baseUrl());
        screenshot(bob, "tenancy-01-bob-dashboard");
        String id = userId("bob");
        try {
            long t0 = System.nanoTime();
            assertThat(api().call("operator", "POST", "/api/v1/users/" + id + "/disable", null)
                            .statusCode())
                    .isEqualTo(200);
            bob.waitForURL(Pattern.compile(".*/login.*"), new Page.WaitForURLOptions().setTimeout(5000));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            bob.locator("#login-form").waitFor();
            screenshot(bob, "tenancy-02-bob-signed-out");
            assertThat(millis).isLessThan(5000);

            // the session is gone: a page of the portal asks to sign in again, and bob cannot
            bob.waitForTimeout(2000);
            bob.navigate(baseUrl() + "/machines");
            bob.waitForURL(Pattern.compile(".*/login.*"));
            bob.locator("#login-form input[name=username]").fill("bob");
            bob.locator("#login-form input[name=password]").fill("bob-demo");
            bob.locator("#login-form vaadin-button").first().click();
            bob.waitForURL(Pattern.compile(".*/login\\?error.*"));
            bob.locator("#login-form[error]").waitFor();
            screenshot(bob, "tenancy-03-bob-refused");
        } finally {
            api().call("operator", "POST", "/api/v1/users/" + id + "/enable", null);
        }
    }

    @Test
    void the_operator_sets_globexs_machine_quota_and_bob_is_refused_in_the_wizard() {
        Page operator = newPage();
        LoginPage.open(operator, baseUrl()).signInDemo("operator");
        TenantsPage tenants = TenantsPage.open(operator, baseUrl());
        tenants.editQuota("globex");
        String inUse = tenants.inUse("machines");
        tenants.limit("machines", inUse);
        screenshot(operator, "tenancy-04-quota-editor");
        tenants.saveQuota();
        operator.waitForCondition(() -> tenants.showsUsage(inUse + " / " + inUse));
        screenshot(operator, "tenancy-05-tenants");

        try (BrowserContext second = otherBrowser()) {
            Page bob = second.newPage();
            bob.setDefaultTimeout(20_000);
            MachinesPage machines = LoginPage.open(bob, baseUrl()).signInDemo("bob");
            CreateWizardPage wizard = machines.openWizard();
            wizard.name("shop-over-quota");
            for (int step = 1; step <= 5; step++) {
                wizard.nextAndSettle();
                wizard.waitStep(step);
            }
            String exceeded = bob.locator("#wizard-quota-exceeded").innerText();
            assertThat(exceeded).contains("Machines quota exceeded", inUse + " of " + inUse);
            screenshot(bob, "tenancy-06-wizard-quota-exceeded");

            wizard.create();
            bob.locator("#wizard-error").waitFor();
            assertThat(bob.locator("#wizard-error").innerText()).contains("Machines quota exceeded");
            assertThat(bob.locator("#create-machine-dialog").count()).isEqualTo(1); // refused: still in the wizard
            screenshot(bob, "tenancy-07-create-refused");
            assertThat(Api.json(api().call("bob", "GET", "/api/v1/machines", null))
                            .findValuesAsText("name"))
                    .doesNotContain("shop-over-quota");
        } finally {
            api().call("operator", "PUT", "/api/v1/tenants/globex/quota", "{}");
        }
    }

    @Test
    void alice_asks_for_more_the_operator_approves_and_alice_sees_the_decision() {
        api().call(
                        "operator",
                        "PUT",
                        "/api/v1/tenants/acme/quota",
                        "{\"machines\":3,\"ramMiB\":2560,\"diskGiB\":100,\"vcpus\":8,\"cpuCap\":400,\"snapshots\":10,"
                                + "\"vnics\":20,\"publicIps\":2}");
        try {
            Page alice = newPage();
            LoginPage.open(alice, baseUrl()).signInDemo("alice");
            DashboardPage dashboard = DashboardPage.open(alice, baseUrl());
            assertThat(dashboard.level("publicIps")).isEqualTo("full");
            assertThat(dashboard.barText("publicIps")).isEqualTo("2 of 2");
            assertThat(dashboard.level("vnics")).isEqualTo("ok");
            assertThat(dashboard.level("ramMiB")).isEqualTo("warning");
            screenshot(alice, "tenancy-08-alice-dashboard");
            dashboard.requestMore("publicIps", 4, "a second load balancer for the sale (smartos-live#258)");
            screenshot(alice, "tenancy-09-request-more");
            dashboard.send();
            alice.waitForCondition(() -> dashboard.requested("publicIps"));
            assertThat(dashboard.requests()).contains("Public IPs", "2 → 4", "pending");

            try (BrowserContext second = otherBrowser()) {
                Page operator = second.newPage();
                operator.setDefaultTimeout(20_000);
                LoginPage.open(operator, baseUrl()).signInDemo("operator");
                TenantsPage tenants = TenantsPage.open(operator, baseUrl());
                assertThat(tenants.pendingCount()).isEqualTo("1 pending request");
                screenshot(operator, "tenancy-10-pending-request");
                tenants.approve("acme", "publicIps", "granted until the end of the month");
                operator.waitForCondition(() -> tenants.pendingCount().equals("0 pending requests"));
                operator.waitForTimeout(500); // the dialog's closing animation
                screenshot(operator, "tenancy-11-approved");

                operator.navigate(baseUrl() + "/users");
                operator.locator("#users-grid").waitFor();
                screenshot(operator, "tenancy-12-users");
            }

            // alice's dashboard refreshes by itself
            alice.waitForCondition(() -> dashboard.requests().contains("approved"));
            assertThat(dashboard.barText("publicIps")).isEqualTo("2 of 4");
            assertThat(dashboard.requests()).contains("granted until the end of the month");
            screenshot(alice, "tenancy-13-decision-seen");

            alice.navigate(baseUrl() + "/account");
            alice.locator("#account-keys-grid").waitFor();
            alice.waitForCondition(() -> alice.locator(
                                    "#account-keys-grid vaadin-grid-cell-content:visible",
                                    new Page.LocatorOptions().setHasText("workstation"))
                            .count()
                    > 0);
            screenshot(alice, "tenancy-14-account");

            // the wizard offers the saved key, checked
            alice.navigate(baseUrl() + "/machines");
            CreateWizardPage wizard = new MachinesPage(alice).waitForGrid().openWizard();
            wizard.name("with-saved-key");
            for (int step = 1; step <= 4; step++) {
                wizard.nextAndSettle();
                wizard.waitStep(step);
            }
            alice.locator("#wizard-saved-keys vaadin-checkbox[checked]").first().waitFor();
            assertThat(alice.locator("#wizard-saved-keys").innerText()).contains("workstation", "SHA256:");
            screenshot(alice, "tenancy-15-wizard-saved-keys");
            wizard.nextAndSettle();
            wizard.waitStep(5);
            assertThat(wizard.review()).contains("alice@workstation");
            wizard.cancel();
        } finally {
            api().call("operator", "PUT", "/api/v1/tenants/acme/quota", "{}");
        }
    }
}
