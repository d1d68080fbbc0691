package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.metrics.AnalyticsQuery;
import io.zonedeck.metrics.AnalyticsResult;
import io.zonedeck.metrics.Decomposition;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.HeatColumn;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.NodeRef;
import io.zonedeck.metrics.Window;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Cloud Analytics revived: pick a metric, a decomposition, a filter and a window; see a live stacked chart, or a
 * latency heatmap for distributions. The service scopes the machines to the caller and refuses bad combinations with
 * field errors, which show under the picker they name while the chart keeps its last good answer.
 */
@Route("analytics")
@PageTitle("Analytics · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class AnalyticsView extends VerticalLayout {
    /** Heatmap columns shown at most (seconds or minutes are merged into wider bins beyond). */
    static final int HEAT_BINS = 120;
    /** Live line charts whose series changed are redrawn at most this often (1 min windows: every second). */
    static final long REDRAW_MILLIS = 10_000;

    private final MetricsService metrics;
    private final Clock clock;
    private final boolean operator;
    private final Select<String> metric = new Select<>();
    private final Select<Decomposition> decomposition = new Select<>();
    private final ComboBox<MachineRef> machine = new ComboBox<>("Machine");
    private final ComboBox<NodeRef> node = new ComboBox<>("Node");
    private final ComboBox<TenantChoice> tenant = new ComboBox<>("Tenant");
    private final Select<Window> window = new Select<>();
    private final AnalyticsChart chart = new AnalyticsChart();
    private final Span caption = new Span();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    private AnalyticsQuery shown;
    private long lastPoint;
    private long lastFullDraw;
    private final NavigableMap<Long, Histogram> heat = new TreeMap<>();

    /** A tenant in the filter, as the visible machines name it. */
    record TenantChoice(UUID id, String name) {}

    public AnalyticsView(MetricsService metrics, CurrentCaller callers, LiveUpdates live, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.operator = callers.get().isOperator();
        addClassName("zd-page");
        setWidthFull();

        H2 title = new H2("Analytics");
        title.getStyle().set("margin", "0");

        metric.setId("analytics-metric");
        metric.setLabel("Metric");
        metric.setItems(metricKeys());
        metric.setItemLabelGenerator(AnalyticsView::metricLabel);
        metric.setValue(Metric.CPU.key());
        metric.setWidth("19em");

        decomposition.setId("analytics-decomposition");
        decomposition.setLabel("Split by");
        decomposition.setItems(Arrays.stream(Decomposition.values())
                .filter(d -> operator || !d.operatorOnly())
                .toList());
        decomposition.setItemLabelGenerator(Decomposition::label);
        decomposition.setValue(Decomposition.MACHINE);
        decomposition.setWidth("11em");

        List<MachineRef> visible = metrics.visibleMachines();
        machine.setId("analytics-machine");
        machine.setItems(visible);
        machine.setItemLabelGenerator(m -> operator ? m.name() + " · " + m.tenantName() : m.name());
        machine.setPlaceholder("All machines");
        machine.setClearButtonVisible(true);
        machine.setWidth("15em");

        window.setId("analytics-window");
        window.setLabel("Window");
        window.setItems(Window.PRESETS);
        window.setItemLabelGenerator(w -> w.live() ? w.label() + " live" : w.label());
        window.setValue(Window.LIVE_1M);
        window.setWidth("8em");

        fields.put("metric", metric);
        fields.put("decomposition", decomposition);
        fields.put("machine", machine);
        fields.put("window", window);
        HorizontalLayout bar = new HorizontalLayout(metric, decomposition, machine);
        if (operator) {
            node.setId("analytics-node");
            node.setItems(metrics.nodes());
            node.setItemLabelGenerator(NodeRef::name);
            node.setPlaceholder("All nodes");
            node.setClearButtonVisible(true);
            node.setWidth("11em");
            tenant.setId("analytics-tenant");
            tenant.setItems(tenantsOf(visible));
            tenant.setItemLabelGenerator(TenantChoice::name);
            tenant.setPlaceholder("All tenants");
            tenant.setClearButtonVisible(true);
            tenant.setWidth("11em");
            fields.put("node", node);
            fields.put("tenant", tenant);
            bar.add(node, tenant);
        }
        bar.add(window);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");

        chart.setId("analytics-chart");
        caption.setId("analytics-caption");
        caption.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(title, bar, chart, caption);

        metric.addValueChangeListener(e -> apply());
        decomposition.addValueChangeListener(e -> apply());
        machine.addValueChangeListener(e -> apply());
        node.addValueChangeListener(e -> apply());
        tenant.addValueChangeListener(e -> apply());
        window.addValueChangeListener(e -> apply());
        apply();
        live.subscribe(this, this::tick);
    }

    /** Asks the pickers' question; on a refusal marks the named pickers and keeps the chart as it is. */
    void apply() {
        FieldErrors.clear(fields);
        AnalyticsQuery q = new AnalyticsQuery(
                metric.getValue(),
                decomposition.getValue(),
                machine.getValue() == null ? null : machine.getValue().id(),
                node.getValue() == null ? null : node.getValue().id(),
                tenant.getValue() == null ? null : tenant.getValue().id(),
                window.getValue());
        AnalyticsResult r;
        try {
            r = metrics.analytics(q, 0);
        } catch (ZoneDeckException ex) {
            if (!FieldErrors.show(ex, fields)) {
                Notification.show(ex.getMessage());
            }
            return;
        }
        shown = q;
        draw(r);
    }

    /** Once a second: new points (or heatmap columns) of the shown question; history windows once a minute. */
    void tick() {
        if (shown == null) {
            return;
        }
        long now = clock.millis();
        try {
            if (!shown.window().live()) {
                if (now - lastFullDraw >= 60_000) {
                    draw(metrics.analytics(shown, 0));
                }
                return;
            }
            AnalyticsResult r = metrics.analytics(shown, lastPoint);
            if (r.distribution()) {
                addHeat(r.heatmap());
                drawHeat(r);
                return;
            }
            boolean redrawDue = shown.window().millis() <= 60_000 || now - lastFullDraw >= REDRAW_MILLIS;
            if (chart.appendLines(r, shown.window().millis())) {
                lastPoint = Math.max(lastPoint, newest(r));
            } else if (redrawDue) {
                draw(metrics.analytics(shown, 0));
            }
        } catch (ZoneDeckException ex) {
            caption.setText(ex.getMessage()); // e.g. the filtered machine was deleted
        }
    }

    private void draw(AnalyticsResult r) {
        lastFullDraw = clock.millis();
        lastPoint = 0;
        if (r.distribution()) {
            heat.clear();
            addHeat(r.heatmap());
            drawHeat(r);
            return;
        }
        chart.showLines(r, AnalyticsChart.stacks(r.metric()));
        lastPoint = newest(r);
        int points = r.series().stream().mapToInt(s -> s.series().size()).sum();
        caption.setText(describe(r) + (points == 0 ? " · no samples yet" : ""));
    }

    private void addHeat(List<HeatColumn> columns) {
        for (HeatColumn c : columns) {
            heat.merge(c.t(), c.histogram(), Histogram::plus);
            lastPoint = Math.max(lastPoint, c.t());
        }
        heat.headMap(clock.millis() - shown.window().millis(), false).clear();
    }

    private void drawHeat(AnalyticsResult r) {
        long span = shown.window().millis();
        long step = r.resolution().millis();
        long bin = Math.max(step, (span / HEAT_BINS + step - 1) / step * step);
        long now = clock.millis();
        List<HeatColumn> columns = new ArrayList<>(heat.size());
        heat.forEach((t, h) -> columns.add(new HeatColumn(t, h)));
        LatencyHeat cells = LatencyHeat.of(columns, now - span, now, bin);
        String pattern = span <= 3_600_000 ? "HH:mm:ss" : span <= 86_400_000 ? "HH:mm" : "MM-dd HH:mm";
        chart.showHeat(cells, r.label(), pattern);
        caption.setText(describe(r) + " · " + cells.totalCount() + " operations in "
                + cells.cells().size()
                + " cells, " + binLabel(bin) + " per column"
                + (cells.cells().isEmpty() ? " · no latency samples yet" : ""));
    }

    private String describe(AnalyticsResult r) {
        String split = r.decomposition() == Decomposition.NONE || r.distribution()
                ? ""
                : " by " + r.decomposition().label().toLowerCase(java.util.Locale.ROOT);
        String scope = machine.getValue() != null
                ? machine.getValue().name()
                : (node.getValue() != null ? "node " + node.getValue().name() : "")
                        + (tenant.getValue() != null
                                ? " tenant " + tenant.getValue().name()
                                : "");
        return r.label() + split + " · " + (scope.isBlank() ? "all machines" : scope.trim()) + " · last "
                + shown.window().label() + (shown.window().live() ? ", per second" : ", per minute")
                + (r.leftOutNote() == null ? "" : " · " + r.leftOutNote());
    }

    static String binLabel(long millis) {
        long s = millis / 1000;
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static long newest(AnalyticsResult r) {
        return r.series().stream().mapToLong(s -> s.series().lastTime()).max().orElse(0);
    }

    static List<String> metricKeys() {
        return Stream.concat(
                        Arrays.stream(Metric.values()).map(Metric::key),
                        Arrays.stream(Distribution.values()).map(Distribution::key))
                .toList();
    }

    static String metricLabel(String key) {
        return Metric.byKey(key)
                .map(m -> m.label() + " (" + m.unit() + ")")
                .or(() -> Distribution.byKey(key).map(d -> d.label() + " (heatmap)"))
                .orElse(key);
    }

    private static List<TenantChoice> tenantsOf(List<MachineRef> machines) {
        Map<UUID, TenantChoice> byId = new LinkedHashMap<>();
        for (MachineRef m : machines) {
            if (m.tenantId() != null) {
                byId.putIfAbsent(m.tenantId(), new TenantChoice(m.tenantId(), m.tenantName()));
            }
        }
        return byId.values().stream()
                .sorted(Comparator.comparing(TenantChoice::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    AnalyticsChart chart() {
        return chart;
    }
}
