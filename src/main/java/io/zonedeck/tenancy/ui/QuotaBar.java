package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.zonedeck.tenancy.QuotaLimit;
import java.util.Locale;

/**
 * One quota limit as a bar: used against the limit ("6 GiB of 8 GiB"), coloured by level (ok below 80 %, warning
 * up to 100 %, full at or above it), or "unlimited". Its level is in {@code data-level} for tests.
 */
class QuotaBar extends Div {
    static final String OK = "ok";
    static final String WARNING = "warning";
    static final String FULL = "full";
    static final String UNLIMITED = "unlimited";

    private final String level;
    private final String text;

    QuotaBar(QuotaLimit limit, long used, Long max, Component action) {
        level = level(used, max);
        text = max == null ? limit.format(used) + " · unlimited" : limit.format(used) + " of " + limit.format(max);
        setId("quota-bar-" + limit.key());
        getElement().setAttribute("data-level", level);
        getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "7em minmax(8em, 1fr) 11em 3.5em 8.5em")
                .set("align-items", "center")
                .set("gap", "var(--lumo-space-m)")
                .set("padding", "var(--lumo-space-xs) 0");

        Span label = new Span(limit.label());
        label.getStyle().set("font-weight", "500");

        Div track = new Div();
        track.getStyle()
                .set("height", "0.75rem")
                .set("border-radius", "0.375rem")
                .set("background", "var(--lumo-contrast-10pct)")
                .set("overflow", "hidden");
        Div fill = new Div();
        fill.addClassName("quota-fill");
        fill.getStyle()
                .set("height", "100%")
                .set("width", width(used, max))
                .set("background", colour(level))
                .set("border-radius", "0.375rem");
        track.add(fill);

        Span amount = new Span(text);
        amount.addClassName("quota-text");
        amount.getStyle().set("font-variant-numeric", "tabular-nums").set("white-space", "nowrap");

        Span percent = new Span(max == null ? "" : percent(used, max) + " %");
        percent.getStyle()
                .set("color", level.equals(OK) ? "var(--lumo-secondary-text-color)" : colour(level))
                .set("font-weight", level.equals(OK) ? "400" : "600")
                .set("text-align", "right")
                .set("font-variant-numeric", "tabular-nums");

        Div actions = new Div();
        if (action != null) {
            actions.add(action);
        }
        add(label, track, amount, percent, actions);
    }

    String level() {
        return level;
    }

    String text() {
        return text;
    }

    /** ok below 80 %, warning from 80 % to below 100 %, full at 100 % or more (a limit of 0 is full). */
    static String level(long used, Long max) {
        if (max == null) {
            return UNLIMITED;
        }
        if (max <= 0 || used >= max) {
            return FULL;
        }
        return used * 100 >= max * 80 ? WARNING : OK;
    }

    static long percent(long used, long max) {
        return max <= 0 ? 100 : Math.round(used * 100.0 / max);
    }

    private static String width(long used, Long max) {
        if (max == null) {
            return "0";
        }
        double pct = max <= 0 ? 100 : Math.min(100.0, used * 100.0 / max);
        return String.format(Locale.ROOT, "%.1f%%", pct);
    }

    private static String colour(String level) {
        return switch (level) {
            case FULL -> "var(--lumo-error-color)";
            case WARNING -> "#d08700";
            default -> "var(--lumo-success-color)";
        };
    }
}
