package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.html.Span;
import io.zonedeck.nodes.HealthFlag;

/**
 * A red pill with a node's fault count (and services in trouble) for operators, wherever a node shows; invisible
 * for a healthy node. {@code data-faults} carries the count for tests.
 */
public class HealthBadge extends Span {
    public HealthBadge(HealthFlag flag) {
        addClassNames("zd-badge", "faulty");
        getElement().setAttribute("data-faults", String.valueOf(flag.faults()));
        getElement().setAttribute("data-services", String.valueOf(flag.unhealthyServices()));
        setText(flag.label());
        getElement().setAttribute("title", "FMA faults and SMF services in trouble: " + flag.label());
        setVisible(flag.flagged());
    }
}
