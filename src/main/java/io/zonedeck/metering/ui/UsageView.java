package io.zonedeck.metering.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.metering.Granularity;
import io.zonedeck.metering.UsageCsv;
import io.zonedeck.metering.UsageQuery;
import io.zonedeck.metering.UsageReport;
import io.zonedeck.metering.UsageRow;
import io.zonedeck.metering.UsageService;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Usage by UTC day: a stacked bar chart of one metric (per tenant for operators, per machine for tenants), the
 * rows per machine and day with totals, and the range as CSV. The service scopes everything to the caller.
 */
@Route("usage")
@PageTitle("Usage · ZoneDeck")
@PermitAll
public class UsageView extends VerticalLayout {
    static final int DEFAULT_DAYS = 7;

    private final UsageService usage;
    private final boolean operator;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Select<UsageMetric> metric = new Select<>();
    private final Select<Tenant> tenant = new Select<>();
    private final UsageChart chart = new UsageChart();
    private final Grid<UsageRow> grid = new Grid<>();
    private final Span totals = new Span();
    private final Anchor csv;
    private UsageReport report;
    /** The question the CSV download answers: the range on screen (read on the download's request thread). */
    private volatile UsageQuery shown;

    public UsageView(UsageService usage, TenantService tenants, CurrentCaller currentCaller, Clock clock) {
        this.usage = usage;
        this.operator = currentCaller.get().isOperator();
        addClassName("zd-page");
        setSizeFull();

        H2 title = new H2(operator ? "Usage of all tenants" : "Usage");
        title.getStyle().set("margin", "0");

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        from.setId("usage-from");
        to.setId("usage-to");
        from.setValue(today.minusDays(DEFAULT_DAYS - 1));
        to.setValue(today);
        for (DatePicker picker : List.of(from, to)) {
            picker.setI18n(new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd"));
            picker.setWidth("11em");
        }
        from.setHelperText("UTC days");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        metric.setId("usage-metric");
        metric.setLabel("Chart");
        metric.setItems(UsageMetric.values());
        metric.setItemLabelGenerator(UsageMetric::label);
        metric.setValue(UsageMetric.CPU_HOURS);
        metric.addValueChangeListener(e -> draw());

        HorizontalLayout bar = new HorizontalLayout(from, to, metric);
        if (operator) {
            tenant.setId("usage-tenant");
            tenant.setLabel("Tenant");
            tenant.setItems(tenants.list());
            tenant.setItemLabelGenerator(t -> t == null ? "All tenants" : t.name());
            tenant.setEmptySelectionAllowed(true);
            tenant.setEmptySelectionCaption("All tenants");
            tenant.addValueChangeListener(e -> refresh());
            bar.add(tenant);
        }
        csv = new Anchor(DownloadHandler.fromInputStream(e -> download()), AttachmentType.DOWNLOAD, "");
        csv.setId("usage-csv");
        csv.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" Download CSV"));
        bar.add(csv);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");

        chart.setId("usage-chart");
        totals.setId("usage-totals");
        totals.getStyle().set("color", "var(--lumo-secondary-text-color)");
        configureGrid();

        add(title, bar, chart, totals, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("usage-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        Grid.Column<UsageRow> day = grid.addColumn(r ->
                        LocalDate.ofInstant(r.periodStart(), ZoneOffset.UTC).toString())
                .setHeader("Day")
                .setKey("day")
                .setSortable(true)
                .setAutoWidth(true);
        if (operator) {
            grid.addColumn(UsageRow::tenantName)
                    .setHeader("Tenant")
                    .setKey("tenant")
                    .setSortable(true)
                    .setAutoWidth(true);
        }
        grid.addColumn(UsageRow::machineName)
                .setHeader("Machine")
                .setKey("machine")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(UsageRow::packageName)
                .setHeader("Package")
                .setKey("package")
                .setAutoWidth(true);
        grid.addColumn(UsageRow::billingTag)
                .setHeader("Billing tag")
                .setKey("billing")
                .setAutoWidth(true);
        for (UsageMetric m : UsageMetric.values()) {
            grid.addColumn(r -> format(m.of(r)))
                    .setHeader(m.label())
                    .setKey(m.name())
                    .setComparator(m::of)
                    .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END)
                    .setAutoWidth(true);
        }
        grid.sort(List.of(new GridSortOrder<>(day, SortDirection.DESCENDING)));
        grid.setSizeFull();
        Span empty = new Span("No usage in this range.");
        empty.setId("usage-empty");
        grid.setEmptyStateComponent(empty);
    }

    /** Asks the service again for the range on screen. */
    private void refresh() {
        Map<String, DatePicker> fields = Map.of("from", from, "to", to);
        FieldErrors.clear(fields);
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        UsageQuery query = new UsageQuery(
                from.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Granularity.DAY,
                operator && tenant.getValue() != null ? tenant.getValue().id() : null);
        try {
            report = usage.usage(query);
        } catch (ZoneDeckException e) {
            if (!FieldErrors.show(e, fields)) {
                throw e;
            }
            return;
        }
        shown = query;
        grid.setItems(report.rows());
        draw();
    }

    private void draw() {
        if (report == null) {
            return;
        }
        UsageMetric m = metric.getValue();
        chart.show(report.rows(), m, operator, from.getValue(), to.getValue());
        for (UsageMetric each : UsageMetric.values()) {
            double sum = report.totals().stream().mapToDouble(each::of).sum();
            grid.getColumnByKey(each.name()).setFooter(format(sum));
        }
        grid.getColumnByKey("day").setFooter("Total");
        totals.setText(
                report.totals().isEmpty()
                        ? ""
                        : report.totals().stream()
                                .map(t -> t.tenantName() + ": " + format(m.of(t)) + " " + m.unit())
                                .collect(Collectors.joining(" · ")));
    }

    private DownloadResponse download() {
        UsageQuery query = shown;
        if (query == null) {
            return DownloadResponse.error(422, "Choose a valid range first");
        }
        byte[] bytes = UsageCsv.write(usage.usage(query)).getBytes(StandardCharsets.UTF_8);
        String name = UsageCsv.fileName(
                LocalDate.ofInstant(query.from(), ZoneOffset.UTC).toString(),
                LocalDate.ofInstant(query.to().minusSeconds(1), ZoneOffset.UTC).toString());
        return new DownloadResponse(new ByteArrayInputStream(bytes), name, UsageCsv.CONTENT_TYPE, bytes.length);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    // package-private accessors for view tests
    UsageChart chart() {
        return chart;
    }

    UsageReport report() {
        return report;
    }
}
