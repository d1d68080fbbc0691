package io.zonedeck.failover.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.failover.FailoverPair;
import java.util.function.Consumer;

/**
 * One member of a pair. Built once and updated in place, so a live update never replaces a button under the
 * user's pointer.
 */
class MemberCard extends Div {
    private final Span state = new Span();
    private final Span priority = new Span();
    private final Span primaryIp = new Span();
    private final Span node = new Span();
    private final Span mdi = new Span();
    private final Button toggle = new Button();
    private FailoverPair.Member current;

    MemberCard(FailoverPair.Member member, boolean showNode, Consumer<FailoverPair.Member> onToggle) {
        addClassName("zd-card");
        getStyle().set("min-width", "260px");
        getElement().setAttribute("data-member", member.name());
        H3 name = new H3(member.name());
        name.getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
        Div lines = new Div();
        lines.addClassName("zd-facts");
        line(lines, "State", state);
        line(lines, "Priority", priority);
        line(lines, "Primary IP", primaryIp);
        if (showNode) {
            line(lines, "Node", node);
        }
        line(lines, "Takes over after", mdi);
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toggle.addClickListener(e -> onToggle.accept(current));
        add(name, lines, toggle);
        update(member);
    }

    void update(FailoverPair.Member m) {
        current = m;
        getElement().setAttribute("data-state", m.state());
        state.removeAll();
        StateBadge badge = new StateBadge(m.state().toLowerCase());
        badge.setId("state-" + m.name());
        state.add(badge);
        priority.setText(m.priority() + (m.priority() == 255 ? " (address owner)" : ""));
        primaryIp.setText(m.primaryIp());
        node.setText(m.nodeName() == null ? "" : m.nodeName());
        mdi.setText(String.format("%.3f s silence", m.masterDownMillis() / 1000));
        toggle.setText(m.enabled() ? "Disable" : "Enable");
        toggle.setId((m.enabled() ? "disable-" : "enable-") + m.name());
    }

    private static void line(Div dl, String label, Span value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        dl.add(dt, value);
    }
}
