package io.zonedeck.audit.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.zonedeck.audit.AuditDirectory;
import io.zonedeck.audit.AuditEvent;
import io.zonedeck.audit.AuditQuery;
import io.zonedeck.audit.AuditService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Who did what: the caller's tenant's records (the service scopes them), every record for operators; filtered
 * by the service, paged lazily, downloadable as CSV with the same filters.
 */
@Route("audit")
@PageTitle("Audit log · ZoneDeck")
@PermitAll
public class AuditView extends VerticalLayout {
    static final Set<String> SECURITY_RESULTS = Set.of("Forbidden", "Unauthorized", "BadCredentials", "Error");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Grid<AuditEvent> grid = new Grid<>();
    private final AuditFilters filters;
    /** The filters as last applied in the UI; the CSV download (another request) reads this. */
    private volatile AuditQuery current = AuditQuery.all();

    public AuditView(AuditService audit, AuditDirectory directory) {
        addClassName("zd-page");
        setSizeFull();
        boolean operator =
                directory.current().map(AuditDirectory.Actor::operator).orElse(false);

        H2 title = new H2(operator ? "Audit log · all tenants" : "Audit log");
        title.getStyle().set("margin", "0");
        filters = new AuditFilters(ZoneId.systemDefault(), this::applyFilters);

        Anchor csv = new Anchor(
                (DownloadHandler) event -> {
                    event.setFileName("audit-log.csv");
                    event.setContentType("text/csv; charset=utf-8");
                    audit.exportCsv(current, 0, AuditService.MAX_EXPORT, event.getOutputStream());
                },
                "");
        csv.setId("audit-csv");
        csv.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" Download CSV"));
        csv.getElement().setAttribute("title", "The filtered records, at most " + AuditService.MAX_EXPORT);
        HorizontalLayout head = new HorizontalLayout(title, csv);
        head.setWidthFull();
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> WHEN.format(e.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setKey("when");
        grid.addColumn(AuditEvent::username)
                .setHeader("User")
                .setAutoWidth(true)
                .setKey("user");
        if (operator) {
            grid.addColumn(e -> e.tenant() == null ? "—" : e.tenant())
                    .setHeader("Tenant")
                    .setAutoWidth(true)
                    .setKey("tenant");
        }
        grid.addColumn(AuditEvent::action)
                .setHeader("Action")
                .setAutoWidth(true)
                .setKey("action");
        grid.addComponentColumn(AuditView::targetCell)
                .setHeader("Target")
                .setWidth("14em")
                .setFlexGrow(1)
                .setKey("target");
        grid.addComponentColumn(AuditView::resultBadge)
                .setHeader("Result")
                .setAutoWidth(true)
                .setKey("result");
        grid.addComponentColumn(AuditView::requestCell)
                .setHeader("Source · request id")
                .setWidth("14em")
                .setFlexGrow(0)
                .setKey("request");
        grid.setItems(q -> audit.list(current, q.getOffset(), q.getLimit()).stream(), q -> audit.count(current));
        grid.setSizeFull();
        Span empty = new Span("No records match.");
        empty.setId("audit-empty");
        grid.setEmptyStateComponent(empty);

        add(head, filters, grid);
        setFlexGrow(1, grid);
    }

    private void applyFilters() {
        current = filters.query();
        grid.getDataProvider().refreshAll();
    }

    /** The target, with the message (a refusal's reason, a created thing's name) in grey after it. */
    private static Component targetCell(AuditEvent e) {
        Span cell = new Span(e.target());
        if (!e.message().isEmpty()) {
            Span detail = new Span(" " + e.message());
            detail.getStyle().set("color", "var(--lumo-secondary-text-color)");
            cell.add(detail);
        }
        cell.getElement().setAttribute("title", e.target() + (e.message().isEmpty() ? "" : " — " + e.message()));
        cell.getStyle()
                .set("display", "block")
                .set("white-space", "nowrap")
                .set("overflow", "hidden")
                .set("text-overflow", "ellipsis");
        return cell;
    }

    /** The source and request id, cut to the column with the whole id on hover (search finds it). */
    private static Component requestCell(AuditEvent e) {
        String text = e.requestId() == null ? e.source() : e.source() + " · " + e.requestId();
        Span cell = new Span(text);
        cell.getElement().setAttribute("title", text);
        cell.getStyle()
                .set("display", "block")
                .set("white-space", "nowrap")
                .set("overflow", "hidden")
                .set("text-overflow", "ellipsis");
        return cell;
    }

    private static Component resultBadge(AuditEvent e) {
        Span badge = new Span(e.result());
        badge.getElement()
                .getThemeList()
                .add(
                        e.ok()
                                ? "badge success"
                                : SECURITY_RESULTS.contains(e.result()) ? "badge error" : "badge contrast");
        badge.getElement().setAttribute("data-result", e.result());
        return badge;
    }
}
