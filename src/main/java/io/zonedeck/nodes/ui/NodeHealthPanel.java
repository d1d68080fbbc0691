package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.nodes.NodeHealthReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A node's FMA faults and SMF services as two grids; services in trouble first. */
class NodeHealthPanel extends VerticalLayout {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, Integer> STATE_ORDER =
            Map.of("maintenance", 0, "degraded", 1, "offline", 2, "uninitialized", 3, "online", 5, "disabled", 6);

    private final Grid<FmaFault> faults = new Grid<>();
    private final Grid<SmfService> services = new Grid<>();
    private final Paragraph noFaults = new Paragraph("No faults: fmadm faulty is empty.");
    private final Span checked = new Span();

    NodeHealthPanel() {
        setPadding(false);
        faults.setId("node-faults");
        faults.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        faults.addComponentColumn(NodeHealthPanel::severity)
                .setHeader("Severity")
                .setKey("severity")
                .setAutoWidth(true)
                .setFlexGrow(0);
        faults.addColumn(FmaFault::code)
                .setHeader("Code")
                .setKey("code")
                .setAutoWidth(true)
                .setFlexGrow(0);
        faults.addColumn(FmaFault::resource)
                .setHeader("Resource")
                .setKey("resource")
                .setFlexGrow(2);
        faults.addColumn(FmaFault::summary)
                .setHeader("Summary")
                .setKey("summary")
                .setFlexGrow(3);
        faults.addColumn(f -> TIME.format(Instant.ofEpochMilli(f.timestamp())))
                .setHeader("Diagnosed")
                .setKey("time")
                .setAutoWidth(true)
                .setFlexGrow(0);
        faults.setAllRowsVisible(true);
        noFaults.setId("node-no-faults");
        noFaults.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        services.setId("node-services");
        services.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        services.addColumn(SmfService::fmri)
                .setHeader("Service (FMRI)")
                .setKey("fmri")
                .setFlexGrow(2);
        services.addComponentColumn(s -> {
                    StateBadge b = new StateBadge(s.state());
                    b.getElement().setAttribute("data-fmri", s.fmri());
                    return b;
                })
                .setHeader("State")
                .setKey("state")
                .setWidth("9.5em")
                .setFlexGrow(0);
        services.addColumn(s -> s.since() == 0 ? "–" : TIME.format(Instant.ofEpochMilli(s.since())))
                .setHeader("Since")
                .setKey("since")
                .setAutoWidth(true)
                .setFlexGrow(0);
        services.addColumn(s -> s.reason() == null ? "" : s.reason())
                .setHeader("Reason")
                .setKey("reason")
                .setFlexGrow(2);
        services.setAllRowsVisible(true);
        checked.setId("node-health-checked");
        checked.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");

        add(card("FMA faults", faults, noFaults), card("SMF services", checked, services));
    }

    /** Critical, Major or Minor as a pill coloured by severity. */
    private static Span severity(FmaFault f) {
        Span s = new Span(f.severity());
        s.addClassNames("zd-badge", f.severity().toLowerCase(Locale.ROOT));
        s.getElement().setAttribute("data-severity", f.severity());
        return s;
    }

    private static Div card(String title, com.vaadin.flow.component.Component... content) {
        H3 h = new H3(title);
        h.getStyle().set("margin-top", "0");
        Div d = new Div(h);
        d.add(content);
        d.addClassName("zd-card");
        d.setWidthFull();
        return d;
    }

    void show(NodeHealthReport r) {
        List<SmfService> sorted = r.services().stream()
                .sorted(Comparator.comparing((SmfService s) -> STATE_ORDER.getOrDefault(s.state(), 4))
                        .thenComparing(SmfService::fmri))
                .toList();
        services.setItems(sorted);
        faults.setItems(r.faults());
        faults.setVisible(!r.faults().isEmpty());
        noFaults.setVisible(r.faults().isEmpty());
        if (!r.supported()) {
            noFaults.setText(
                    r.checkedAt() == null
                            ? "The node has not reported its health yet."
                            : "This node's driver does not report SMF services or FMA faults.");
        } else {
            noFaults.setText("No faults: fmadm faulty is empty.");
        }
        showChecked(r);
    }

    /** Only the time of the last answer. */
    void showChecked(NodeHealthReport r) {
        checked.setText(r.checkedAt() == null ? "not read yet" : "read " + TIME.format(r.checkedAt()));
    }
}
