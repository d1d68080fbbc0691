package io.zonedeck.failover.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.failover.FailoverPair;

/** "web-01 MASTER · web-02 BACKUP" as badges. */
class MemberStates extends HorizontalLayout {
    MemberStates(FailoverPair pair) {
        setSpacing(true);
        setPadding(false);
        for (FailoverPair.Member m : pair.members()) {
            Span name = new Span(m.name());
            StateBadge badge = new StateBadge(m.state().toLowerCase());
            badge.getElement().setAttribute("data-member", m.name());
            add(name, badge);
        }
    }
}
