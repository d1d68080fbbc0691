package io.zonedeck.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A main-menu entry contributed by a feature as a bean, so the shell knows no feature. The layout shows only
 * entries whose view the signed-in user may open.
 */
public record NavEntry(int order, String label, Class<? extends Component> view, VaadinIcon icon) {}
