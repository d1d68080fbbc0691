package io.zonedeck.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real Chromium against the portal with its demo datacenter. The browser is Debian's chromium by default;
 * point {@code -Dchromium.path=...} elsewhere (or at Playwright's own browser) on other machines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
public abstract class BrowserTestBase {
    static Playwright playwright;
    static Browser browser;
    protected BrowserContext context;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void launch() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium")))
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void shutdown() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** On a failing test (before @AfterEach closes it), every open page is saved as target/screenshots/FAILED-*. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback onFailure = ctx -> {
        if (ctx.getExecutionException().isPresent() && context != null) {
            int i = 0;
            for (Page p : context.pages()) {
                screenshot(p, "FAILED-" + ctx.getRequiredTestMethod().getName() + "-" + i++);
            }
        }
    };

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    protected Page newPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);
        return page;
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Saves a screenshot under target/screenshots (look at them). */
    protected static void screenshot(Page page, String name) {
        try {
            Path dir = Paths.get("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(dir.resolve(name + ".png"))
                    .setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
