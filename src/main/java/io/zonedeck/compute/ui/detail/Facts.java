package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Label/value lists and the formats the machine page uses. */
final class Facts {
    private static final Set<String> HVM = Set.of("kvm", "bhyve");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Facts() {}

    static Div list() {
        Div dl = new Div();
        dl.getElement().setAttribute("role", "list");
        dl.addClassName("zd-facts");
        dl.getStyle().set("margin", "0");
        return dl;
    }

    static Span add(Div dl, String label, String value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span dd = new Span(value == null ? "" : value);
        dd.getElement().setAttribute("data-fact", label.toLowerCase().replace(' ', '-'));
        dd.getStyle().set("overflow-wrap", "anywhere");
        dl.add(dt, dd);
        return dd;
    }

    static boolean isHvm(String brand) {
        return HVM.contains(brand);
    }

    static String mib(long mib) {
        return mib >= 1024 && mib % 1024 == 0 ? (mib / 1024) + " GiB" : mib + " MiB";
    }

    static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }
}
