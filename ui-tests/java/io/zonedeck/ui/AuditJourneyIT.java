package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.microsoft.playwright.Page;
import io.zonedeck.ui.pages.AuditPage;
import io.zonedeck.ui.pages.LoginPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-ins in the audit log as a tenant admin and an operator see them; the CSV download parses. */
class AuditJourneyIT extends BrowserTestBase {

    @Test
    void a_failed_and_a_successful_sign_in_show_in_the_tenants_audit_log_and_its_csv() throws Exception {
        Page page = newPage();
        LoginPage.open(page, baseUrl());
        page.locator("#login-form input[name=username]").fill("alice");
        page.locator("#login-form input[name=password]").fill("wrong password");
        page.locator("#login-form vaadin-button").first().click();
        page.waitForURL(Pattern.compile(".*/login\\?error.*"));

        LoginPage.open(page, baseUrl()).signInDemo("alice");
        AuditPage audit = AuditPage.open(page, baseUrl());
        assertThat(audit.hasColumn("Tenant")).isFalse();
        audit.filterAction("login");
        page.waitForCondition(() -> audit.cells().contains("BadCredentials"));
        assertThat(audit.cells()).contains("login", "ok", "BadCredentials", "alice");
        screenshot(page, "audit-01-alice-logins");

        Path file = audit.downloadCsv(Files.createTempFile("audit", ".csv"));
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            rows = it.readAll();
        }
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("action")).isEqualTo("login");
            assertThat(r.get("tenant")).isEqualTo("acme");
        });
        assertThat(rows).extracting(r -> r.get("result")).contains("ok", "BadCredentials");
        assertThat(rows)
                .filteredOn(r -> r.get("result").equals("ok"))
                .allSatisfy(r -> assertThat(r.get("source")).isEqualTo("ui"));
    }

    @Test
    void an_operator_sees_every_tenant_and_denied_views_are_recorded() {
        Page bobPage = newPage();
        LoginPage.open(bobPage, baseUrl()).signInDemo("bob");
        bobPage.navigate(baseUrl() + "/nodes");
        bobPage.waitForTimeout(800);
        bobPage.context().close();

        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        AuditPage audit = AuditPage.open(page, baseUrl());
        assertThat(audit.hasColumn("Tenant")).isTrue();
        page.waitForCondition(() -> audit.cells().contains("access.denied"));
        assertThat(audit.cells()).contains("globex", "bob", "Forbidden");
        screenshot(page, "audit-02-operator");
    }
}
