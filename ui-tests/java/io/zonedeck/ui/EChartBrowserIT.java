package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.zonedeck.ui.pages.LoginPage;
import org.junit.jupiter.api.Test;

/**
 * The chart component in a real browser: a live line chart on the nodes page, and a heatmap made on the same page
 * from the element's own API (no test route ships in the app): cells drawn, the theme followed live with the data
 * kept, and malformed input refused without an error in the page.
 */
class EChartBrowserIT extends BrowserTestBase {
    private static final String HEATMAP = """
            (() => {
              const el = document.createElement('zd-echart');
              el.id = 'test-heatmap';
              el.style.height = '320px';
              el.style.width = '900px';
              document.querySelector('#nodes-cpu-chart').parentElement.appendChild(el);
              el.setHeatmap(JSON.stringify({
                title: 'Disk I/O latency (test data)',
                buckets: ['< 1 µs', '1 µs', '2 µs', '5 µs', '10 µs', '20 µs', '50 µs', '100 µs'],
                ranges: ['< 1 µs', '1–2 µs', '2–5 µs', '5–10 µs', '10–20 µs', '20–50 µs', '50–100 µs', '100–200 µs'],
                labelled: [0, 1, 4, 7], countUnit: 'ops', scale: 'log'}));
              const t0 = Date.now() - 30000;
              const columns = [];
              for (let s = 0; s < 30; s++) {
                const counts = [0, 0, 0, 0, 0, 0, 0, 0];
                counts[3 + (s % 3)] = 1000 + 50 * s;   // the busy band
                counts[7] = s % 5 === 0 ? 2 : 0;        // rare outliers, visible thanks to the log scale
                columns.push([t0 + 1000 * s, counts]);
              }
              el.appendHeatmap(JSON.stringify({window: 600000, columns}));
            })()
            """;

    @Test
    void lines_update_live_and_a_heatmap_draws_its_cells_in_both_themes() {
        Page page = newPage();
        java.util.List<String> errors = new java.util.ArrayList<>();
        page.onPageError(errors::add);
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        page.navigate(baseUrl() + "/nodes");
        Locator lines = page.locator("#nodes-cpu-chart");
        page.waitForCondition(() -> attr(lines, "data-updates") >= 2);
        assertThat(lines.getAttribute("data-theme")).isEqualTo("light");

        page.evaluate(HEATMAP);
        Locator heat = page.locator("#test-heatmap");
        assertThat(attr(heat, "data-heat-cells")).isEqualTo(36); // 30 busy + 6 outliers; empty buckets: none
        heat.scrollIntoViewIfNeeded();
        screenshot(page, "echart-heatmap-light");

        // Lumo's dark theme: both charts re-created in the dark theme, data kept
        page.evaluate("document.documentElement.setAttribute('theme', 'dark')");
        page.waitForCondition(() ->
                "dark".equals(heat.getAttribute("data-theme")) && "dark".equals(lines.getAttribute("data-theme")));
        assertThat(attr(heat, "data-heat-cells")).isEqualTo(36);
        int before = attr(lines, "data-updates");
        page.waitForCondition(() -> attr(lines, "data-updates") > before); // still live after the switch
        screenshot(page, "echart-heatmap-dark");

        // malformed input: refused, noted, nothing thrown into the page, the data still there
        page.evaluate("(() => { const el = document.querySelector('#test-heatmap');"
                + " el.appendHeatmap('{oops'); el.appendHeatmap('{\"columns\": [[\"x\", 5], null]}');"
                + " el.setHeatmap('[]'); el.append('nope'); })()");
        assertThat(heat.getAttribute("data-error")).isNotBlank();
        assertThat(attr(heat, "data-heat-cells")).isEqualTo(36);
        assertThat(errors).isEmpty();
    }

    private static int attr(Locator l, String name) {
        String v = l.getAttribute(name);
        return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
    }
}
