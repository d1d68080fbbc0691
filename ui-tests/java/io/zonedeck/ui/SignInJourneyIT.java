package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import io.zonedeck.ui.pages.LoginPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-in as a browser meets it: the portal works under its Content-Security-Policy with no violation reported
 * (login, machines, a machine's live charts, analytics, account), and a throttled account gets a clear message.
 */
class SignInJourneyIT extends BrowserTestBase {
    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    /** Collects CSP violations as the page reports them (securitypolicyviolation events and console errors). */
    private static List<String> watchCsp(Page page) {
        List<String> violations = new CopyOnWriteArrayList<>();
        page.addInitScript("document.addEventListener('securitypolicyviolation', e =>"
                + " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().startsWith("CSP violation")) {
                violations.add(m.text());
            }
        });
        return violations;
    }

    @Test
    void the_portal_runs_under_its_content_security_policy_without_a_violation() {
        Page page = newPage();
        List<String> violations = watchCsp(page);
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        String machine = jdbc.queryForObject(
                "select m.id from machine m join tenant t on t.id = m.tenant_id where t.name = 'acme' and m.state ="
                        + " 'running' order by m.name limit 1",
                String.class);
        page.navigate(baseUrl() + "/machines/" + machine);
        page.locator("canvas").first().waitFor();
        page.waitForTimeout(2500); // a few live pushes
        screenshot(page, "signin-01-machine-under-csp");
        page.navigate(baseUrl() + "/account");
        page.locator("#api-tokens-card").waitFor();
        page.locator("#account-token-name input").fill("laptop-script");
        page.locator("#account-create-token").click();
        page.locator("#token-created-value").waitFor();
        screenshot(page, "signin-02-token-created");
        assertThat(page.locator("#token-created-value input").inputValue()).startsWith("zdt_");
        page.locator("#token-created-done").click();
        page.navigate(baseUrl() + "/analytics");
        page.waitForTimeout(1500);
        assertThat(violations).isEmpty();
    }

    @Test
    void a_throttled_account_is_told_how_long_to_wait_and_signs_in_afterwards() throws Exception {
        String name = "ui" + UUID.randomUUID().toString().substring(0, 8);
        UUID acme = jdbc.queryForObject("select id from tenant where name = 'acme'", UUID.class);
        users.create(name, "correct-horse-battery", Roles.TENANT_USER, acme);
        Page page = newPage();
        // the form is filled in with the right password while a script fails five times over REST (fast: the test
        // profile gives one failure back every 4 s)
        LoginPage.open(page, baseUrl());
        page.locator("#login-form input[name=username]").fill(name);
        page.locator("#login-form input[name=password]").fill("correct-horse-battery");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/account"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            (name + ":wrong" + i).getBytes(StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
        page.locator("#login-form vaadin-button").first().click();
        page.waitForURL(Pattern.compile(".*/login\\?throttled=[0-9]+"));
        page.getByText("Too many failed sign-ins").waitFor();
        page.getByText(Pattern.compile("Wait [0-9]+ seconds, then try again")).waitFor();
        screenshot(page, "signin-03-throttled");
        int wait = Integer.parseInt(page.url().replaceAll(".*throttled=", ""));
        page.waitForTimeout(wait * 1000L + 300);
        LoginPage.open(page, baseUrl()).signIn(name, "correct-horse-battery");
    }

    private static String code(String secret, long step) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    private Page signInForm(String user, String password, String code) {
        Page page = newPage();
        LoginPage.open(page, baseUrl());
        page.locator("#login-form input[name=username]").fill(user);
        page.locator("#login-form input[name=password]").fill(password);
        if (code != null) {
            page.locator("#login-code input").fill(code);
        }
        page.locator("#login-form vaadin-button").first().click();
        return page;
    }

    @Test
    void a_user_turns_on_two_factor_sign_in_and_then_signs_in_with_a_code_or_a_recovery_code() throws Exception {
        String name = "tf" + UUID.randomUUID().toString().substring(0, 8);
        UUID acme = jdbc.queryForObject("select id from tenant where name = 'acme'", UUID.class);
        users.create(name, "correct-horse-battery", Roles.TENANT_ADMIN, acme);
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signIn(name, "correct-horse-battery");
        page.navigate(baseUrl() + "/account");
        page.locator("#two-factor-set-up").click();
        page.locator("#two-factor-qr").waitFor();
        String secret = page.locator("#two-factor-secret").innerText().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(page.locator("#two-factor-qr").getAttribute("src")).startsWith("data:image/png;base64,");
        screenshot(page, "signin-04-two-factor-set-up");
        page.locator("#two-factor-code input").fill("000000");
        page.locator("#two-factor-confirm").click();
        page.getByText("That code is not right").waitFor();
        long step = System.currentTimeMillis() / 30_000;
        page.locator("#two-factor-code input").fill(code(secret, step));
        page.locator("#two-factor-confirm").click();
        page.locator("#two-factor-recovery-codes").waitFor();
        List<String> recovery = page.locator("#two-factor-recovery-codes li").allInnerTexts();
        assertThat(recovery).hasSize(10);
        screenshot(page, "signin-05-recovery-codes");
        context.close();

        // REST with the password alone is refused for this user: scripts use tokens
        HttpResponse<String> basic = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/account"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((name + ":correct-horse-battery")
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("API token");

        Page noCode = signInForm(name, "correct-horse-battery", null);
        noCode.waitForURL(Pattern.compile(".*/login\\?code"));
        noCode.getByText("Two-factor code needed").waitFor();
        screenshot(noCode, "signin-06-code-needed");
        context.close();

        Page wrong = signInForm(name, "correct-horse-battery", "123456");
        wrong.waitForURL(Pattern.compile(".*/login\\?error"));
        context.close();

        // the enrolment used this step's code: the next step's code (within the drift allowed) signs in
        Page right = signInForm(name, "correct-horse-battery", code(secret, step + 1));
        right.waitForURL(Pattern.compile(".*/(machines)?$"));
        context.close();

        Page byRecovery = signInForm(name, "correct-horse-battery", recovery.get(0));
        byRecovery.waitForURL(Pattern.compile(".*/(machines)?$"));
        byRecovery.navigate(baseUrl() + "/account");
        byRecovery.getByText("9 recovery codes left").waitFor();
        context.close();

        Page again = signInForm(name, "correct-horse-battery", recovery.get(0));
        again.waitForURL(Pattern.compile(".*/login\\?error"));
    }

    @Test
    void a_user_whose_tenant_requires_two_factor_sees_only_the_account_page_until_set_up() {
        UUID acme = jdbc.queryForObject("select id from tenant where name = 'globex'", UUID.class);
        String name = "rq" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, "correct-horse-battery", Roles.TENANT_USER, acme);
        jdbc.update("update tenant set mfa_required = true where name = 'globex'");
        try {
            Page page = signInForm(name, "correct-horse-battery", null);
            page.waitForURL(Pattern.compile(".*/account$"));
            page.getByText("Your account must use two-factor sign-in").waitFor();
            page.navigate(baseUrl() + "/machines");
            page.waitForURL(Pattern.compile(".*/account$"));
            assertThat(page.locator("#two-factor-set-up").isVisible()).isTrue();
            screenshot(page, "signin-07-two-factor-required");
        } finally {
            jdbc.update("update tenant set mfa_required = false where name = 'globex'");
        }
    }
}
