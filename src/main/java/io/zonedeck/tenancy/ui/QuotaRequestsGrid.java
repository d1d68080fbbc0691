package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.function.SerializableFunction;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Quota raise requests in a grid: the tenant's own (dashboard) or everyone's pending ones with actions (tenants). */
class QuotaRequestsGrid extends Grid<QuotaRequest> {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    QuotaRequestsGrid(String id, boolean showTenant, SerializableFunction<QuotaRequest, Component> actions) {
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAllRowsVisible(true);
        addColumn(r -> WHEN.format(r.requestedAt()))
                .setHeader("Asked")
                .setKey("asked")
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (showTenant) {
            addColumn(QuotaRequest::tenantName)
                    .setHeader("Tenant")
                    .setKey("tenant")
                    .setAutoWidth(true);
        }
        addColumn(r -> r.limit().label()).setHeader("Limit").setKey("limit").setAutoWidth(true);
        addColumn(QuotaRequestsGrid::change)
                .setHeader("From → to")
                .setKey("change")
                .setAutoWidth(true);
        addColumn(QuotaRequest::reason).setHeader("Reason").setKey("reason").setFlexGrow(1);
        addColumn(QuotaRequest::requestedBy).setHeader("By").setKey("by").setAutoWidth(true);
        addComponentColumn(QuotaRequestsGrid::badge)
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(QuotaRequestsGrid::decision)
                .setHeader("Decision")
                .setKey("decision")
                .setFlexGrow(1);
        if (actions != null) {
            RowActions.column(this, actions);
        }
    }

    static String change(QuotaRequest r) {
        QuotaLimit l = r.limit();
        return (r.currentLimit() == null ? "unlimited" : l.format(r.currentLimit())) + " → " + l.format(r.requested());
    }

    static String decision(QuotaRequest r) {
        if (r.pending()) {
            return "waiting for an operator";
        }
        return r.decidedBy() + " · " + WHEN.format(r.decidedAt()) + (r.note() == null ? "" : ": " + r.note());
    }

    static Span badge(QuotaRequest r) {
        Span s = new Span(r.state());
        s.addClassName("zd-badge");
        s.getElement().setAttribute("data-state", r.state());
        s.getStyle()
                .set(
                        "background",
                        switch (r.state()) {
                            case QuotaRequest.APPROVED -> "#d8f5e0";
                            case QuotaRequest.REJECTED -> "#fde0e0";
                            default -> "#fff2cc";
                        })
                .set(
                        "color",
                        switch (r.state()) {
                            case QuotaRequest.APPROVED -> "#11622e";
                            case QuotaRequest.REJECTED -> "#9b1c1c";
                            default -> "#7a5400";
                        });
        return s;
    }
}
