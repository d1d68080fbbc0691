package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.zonedeck.metrics.NodeRef;
import java.util.List;
import java.util.Locale;

/**
 * The datacenter's capacity: CPUs, RAM and disk of all nodes against what the machines are given (their cpu_cap and
 * memory cap as last sampled). Disk quotas are not known to metrics yet, so disk shows the total only.
 */
class CapacityTotals extends Div {
    private final Card cpu = new Card("capacity-cpu", "CPU");
    private final Card ram = new Card("capacity-ram", "RAM");
    private final Card disk = new Card("capacity-disk", "Disk");

    /** What the machines are given, from their newest samples. */
    record Provisioned(double cpuCapPct, int uncapped, long memCapMiB, int machines) {}

    CapacityTotals() {
        setId("overview-capacity");
        setWidthFull();
        getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fit, minmax(220px, 1fr))")
                .set("gap", "var(--lumo-space-m)");
        add(cpu, ram, disk);
    }

    void show(List<NodeRef> nodes, Provisioned p) {
        long cpus = nodes.stream().mapToLong(NodeRef::cpus).sum();
        long ramMiB = nodes.stream().mapToLong(NodeRef::ramMiB).sum();
        long diskGiB = nodes.stream().mapToLong(NodeRef::diskGiB).sum();
        double cpuGiven = p.cpuCapPct() / 100;
        cpu.show(
                fmt(cpuGiven) + " of " + cpus + " CPUs capped",
                cpus == 0 ? 0 : cpuGiven / cpus,
                p.uncapped() == 0 ? "every machine capped" : p.uncapped() + " machine(s) without cpu_cap");
        ram.show(
                fmt(p.memCapMiB() / 1024.0) + " of " + fmt(ramMiB / 1024.0) + " GiB provisioned",
                ramMiB == 0 ? 0 : (double) p.memCapMiB() / ramMiB,
                p.machines() + " machines' memory caps");
        disk.show(diskGiB + " GiB in " + nodes.size() + " nodes", -1, "provisioned quotas: not in metrics yet");
    }

    String text() {
        return cpu.value.getText() + " | " + ram.value.getText() + " | " + disk.value.getText();
    }

    private static String fmt(double v) {
        return v >= 100 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static final class Card extends Div {
        final Span value = new Span();
        final ProgressBar bar = new ProgressBar(0, 1);
        final Span note = new Span();

        Card(String id, String title) {
            setId(id);
            Span t = new Span(title);
            t.getStyle()
                    .set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)")
                    .set("display", "block");
            value.getStyle().set("font-weight", "600").set("display", "block");
            note.getStyle()
                    .set("font-size", "var(--lumo-font-size-xs)")
                    .set("color", "var(--lumo-secondary-text-color)");
            getStyle()
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
            add(t, value, bar, note);
        }

        void show(String text, double fraction, String hint) {
            value.setText(text);
            bar.setVisible(fraction >= 0);
            bar.setValue(Math.max(0, Math.min(1, fraction)));
            if (fraction > 1) {
                bar.addThemeName("error");
            } else {
                bar.removeThemeName("error");
            }
            note.setText(hint);
        }
    }
}
