package io.zonedeck.base.ui;

import com.vaadin.flow.component.html.Span;

/** A machine or node state as a coloured pill. */
public class StateBadge extends Span {
    public StateBadge(String state) {
        super(state == null ? "" : state);
        addClassNames("zd-badge", state == null ? "" : state);
        getElement().setAttribute("data-state", state == null ? "" : state);
    }
}
