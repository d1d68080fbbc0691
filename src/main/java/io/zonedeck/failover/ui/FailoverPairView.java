package io.zonedeck.failover.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.failover.FailoverMonitor;
import io.zonedeck.failover.FailoverPair;
import io.zonedeck.failover.FailoverRecord;
import io.zonedeck.failover.FailoverService;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/** One pair: both members with their live router state, the VIP, priorities, actions and the failover history. */
@Route("failover/:id")
@PageTitle("Failover pair · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class FailoverPairView extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private final FailoverService pairs;
    private final FailoverMonitor monitor;
    private final Clock clock;
    private final boolean operator;
    private final Div members = new Div();
    private final Div facts = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final Grid<FailoverRecord> historyGrid = new Grid<>();
    private final Span since = new Span();
    private final java.util.List<MemberCard> cards = new java.util.ArrayList<>();
    private Button switchover = new Button();
    private Button fail = new Button();
    private UUID id;
    private long seen = -1;

    public FailoverPairView(
            FailoverService pairs, FailoverMonitor monitor, CurrentCaller caller, Clock clock, LiveUpdates live) {
        this.pairs = pairs;
        this.monitor = monitor;
        this.clock = clock;
        this.operator = caller.get().isOperator();
        addClassName("zd-page");
        setWidthFull();
        live.subscribe(this, this::tick);
    }

    public static RouteParameters params(UUID id) {
        return new RouteParameters("id", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        id = null;
        Optional<FailoverPair> pair = event.getRouteParameters()
                .get("id")
                .flatMap(FailoverPairView::parse)
                .flatMap(pairs::find);
        if (pair.isEmpty()) {
            Paragraph p = new Paragraph("No such failover pair. It may have been deleted, or the link is wrong.");
            p.setId("pair-not-found");
            add(
                    new H2("Failover pair not found"),
                    p,
                    new RouterLink("Back to failover pairs", FailoverPairsView.class));
            return;
        }
        id = pair.get().id();
        H2 title = new H2(pair.get().name());
        title.setId("pair-title");
        title.getStyle().set("margin", "0");
        members.setId("pair-members");
        members.getStyle()
                .set("display", "flex")
                .set("gap", "var(--lumo-space-m)")
                .set("flex-wrap", "wrap");
        facts.addClassName("zd-card");
        since.setId("pair-since");
        actions.setId("pair-actions");
        historyGrid.setId("pair-history");
        historyGrid.addColumn(r -> TIME.format(r.at())).setHeader("When").setAutoWidth(true);
        historyGrid
                .addColumn(r -> r.from() == null ? "–" : r.from())
                .setHeader("From")
                .setAutoWidth(true);
        historyGrid.addColumn(FailoverRecord::to).setHeader("New master").setAutoWidth(true);
        historyGrid
                .addColumn(r -> r.durationMs() == null ? "–" : String.format("%.3f s", r.durationMs() / 1000.0))
                .setHeader("Failover took")
                .setAutoWidth(true);
        historyGrid
                .addColumn(FailoverRecord::reason)
                .setHeader("Why")
                .setAutoWidth(true)
                .setFlexGrow(1);
        historyGrid.setAllRowsVisible(true);
        add(
                new RouterLink("← Failover pairs", FailoverPairsView.class),
                title,
                actions,
                members,
                since,
                facts,
                new H3("Failover history"),
                historyGrid);
        cards.clear();
        members.removeAll();
        buildActions(pair.get());
        render(pair.get());
        seen = monitor.version();
    }

    private void tick() {
        if (id == null) {
            return;
        }
        long v = monitor.version();
        Optional<FailoverPair> pair = pairs.find(id);
        if (pair.isEmpty()) {
            removeAll();
            id = null;
            add(new H2("Failover pair deleted"), new RouterLink("Back to failover pairs", FailoverPairsView.class));
            return;
        }
        if (v != seen) {
            seen = v;
            render(pair.get());
        } else {
            renderSince(pair.get());
        }
    }

    private void render(FailoverPair p) {
        if (cards.size() != p.members().size()) {
            members.removeAll();
            cards.clear();
            for (FailoverPair.Member m : p.members()) {
                MemberCard card = new MemberCard(
                        m,
                        operator,
                        current -> run(() -> pairs.setMemberEnabled(p.id(), current.machineId(), !current.enabled())));
                cards.add(card);
                members.add(card);
            }
        } else {
            for (int i = 0; i < cards.size(); i++) {
                cards.get(i).update(p.members().get(i));
            }
        }
        facts.removeAll();
        Div dl = new Div();
        dl.addClassName("zd-facts");
        line(dl, "Virtual IP", new Span(p.vip()));
        line(dl, "VRID", new Span(String.valueOf(p.vrid())));
        line(dl, "Virtual MAC", new Span(p.mac()));
        line(dl, "Network", new Span(p.networkName()));
        line(dl, "Advert interval", new Span(p.intervalMs() + " ms"));
        line(dl, "Preempt / accept", new Span((p.preempt() ? "on" : "off") + " / " + (p.accept() ? "on" : "off")));
        line(
                dl,
                "SmartOS rules",
                new Span("vrrp_primary_ip = each member's primary IP; that NIC allows IP spoofing; "
                        + "zones only (no kvm/bhyve)"));
        facts.add(dl);
        renderSince(p);
        switchover.setEnabled(p.master().isPresent());
        fail.setEnabled(p.master().isPresent());
        historyGrid.setItems(pairs.history(p.id()));
    }

    private void renderSince(FailoverPair p) {
        if (p.lastTransition() == null) {
            since.setText("No transition seen yet");
            return;
        }
        Duration d = Duration.between(p.lastTransition(), clock.instant());
        String master = p.master().map(FailoverPair.Member::name).orElse("nobody");
        since.setText("MASTER: " + master + " · last transition " + human(d) + " ago");
    }

    /** Built once per pair; live updates only change what is enabled. */
    private void buildActions(FailoverPair p) {
        actions.removeAll();
        switchover = new Button("Switch over", VaadinIcon.EXCHANGE.create());
        fail = new Button("Fail the master's node", VaadinIcon.BOLT.create());
        switchover.setId("pair-switchover");
        switchover.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        switchover.addClickListener(e -> run(() -> pairs.switchover(p.id())));
        actions.add(switchover);
        if (operator) {
            fail.setId("pair-fail-master-node");
            fail.addThemeVariants(ButtonVariant.LUMO_ERROR);
            fail.addClickListener(e -> run(() -> {
                String node = pairs.failMasterNode(p.id());
                Notification.show("Node " + node + " is down (simulated)");
                return null;
            }));
            Button recover = new Button(
                    "Recover nodes",
                    VaadinIcon.PLUG.create(),
                    e -> run(() -> {
                        pairs.recoverNodes(p.id());
                        return null;
                    }));
            recover.setId("pair-recover-nodes");
            actions.add(fail, recover);
        }
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog(
                    "Delete " + p.name() + "?",
                    "Both routers are removed and " + p.vip() + " is released.",
                    "Delete",
                    ok -> run(() -> {
                        pairs.delete(p.id());
                        getUI().ifPresent(ui -> ui.navigate(FailoverPairsView.class));
                        return null;
                    }));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.setId("pair-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        actions.add(delete);
    }

    private void run(java.util.function.Supplier<Object> action) {
        try {
            action.get();
            if (id != null) {
                pairs.find(id).ifPresent(this::render);
            }
        } catch (ZoneDeckException ex) {
            Notification n = Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static void line(Div dl, String label, com.vaadin.flow.component.Component value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        dl.add(dt, value);
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60
                ? s + " s"
                : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
