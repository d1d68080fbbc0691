package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineSummary;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Picks another package for the machine: the active packages with their sizes, the current one marked, the
 * difference to the current size; a hardware VM is warned that it restarts. Refusals (no room on the node, the
 * same package, a shrinking VM disk) show on the package list.
 */
public class ResizeDialog extends Dialog {
    private final MachineSummary machine;
    private final RadioButtonGroup<MachinePackage> packages = new RadioButtonGroup<>();
    private final Div difference = new Div();

    public ResizeDialog(MachineDetail detail, List<MachinePackage> active, Function<String, JobInfo> resize) {
        this.machine = detail.summary();
        setId("resize-dialog");
        setHeaderTitle("Resize " + machine.name());
        setWidth("min(640px, 95vw)");

        packages.setId("resize-package");
        packages.setLabel("Package");
        packages.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        packages.setItems(active);
        packages.setRenderer(new ComponentRenderer<>(this::option));
        packages.setManualValidation(true);
        active.stream()
                .filter(p -> p.name().equals(machine.packageName()))
                .findFirst()
                .ifPresent(packages::setValue);
        packages.addValueChangeListener(e -> {
            packages.setInvalid(false);
            showDifference(e.getValue());
        });
        difference.setId("resize-difference");
        // a block under the list (inline text would flow next to the inline-flex radio group)
        difference.getStyle().set("margin-top", "var(--lumo-space-s)");
        showDifference(packages.getValue());

        Paragraph note = new Paragraph(
                Facts.isHvm(machine.brand())
                        ? "This is a hardware VM (" + machine.brand() + "): it restarts to take the new size."
                        : "A zone takes the new size live, without a restart.");
        note.setId("resize-note");
        if (Facts.isHvm(machine.brand())) {
            note.getStyle()
                    .set("color", "var(--lumo-warning-text-color, #7a5400)")
                    .set("font-weight", "500");
        }
        add(packages, difference, note);

        Button confirm = new Button(
                "Resize",
                e -> Attempt.run(
                                "Resize",
                                Map.of("package", packages),
                                () -> resize.apply(
                                        packages.getValue() == null
                                                ? null
                                                : packages.getValue().name()))
                        .ifPresent(j -> close()));
        confirm.setId("resize-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("resize-cancel");
        getFooter().add(cancel, confirm);
    }

    private HorizontalLayout option(MachinePackage p) {
        Span name = new Span(p.name());
        name.getStyle().set("font-weight", "600").set("min-width", "7em");
        Span sizes = new Span(Facts.mib(p.ramMiB()) + " RAM · " + p.diskGiB() + " GiB disk · cap " + p.cpuCap() + "%"
                + (Facts.isHvm(machine.brand()) ? " · " + p.vcpus() + " vCPU" : ""));
        sizes.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout row = new HorizontalLayout(name, sizes);
        row.setSpacing(true);
        row.getElement().setAttribute("data-package", p.name());
        if (p.name().equals(machine.packageName())) {
            Span current = new Span("current");
            current.addClassNames("zd-badge", "running");
            current.getElement().setAttribute("data-current", "true");
            row.add(current);
        }
        return row;
    }

    private void showDifference(MachinePackage p) {
        if (p == null) {
            difference.setText("Choose a package.");
        } else if (p.name().equals(machine.packageName())) {
            difference.setText("This is the current package.");
        } else {
            difference.setText("Change: RAM " + Facts.mib(machine.ramMiB()) + " → " + Facts.mib(p.ramMiB()) + " ("
                    + signedMib(p.ramMiB() - machine.ramMiB()) + "), disk " + machine.diskGiB() + " → "
                    + p.diskGiB() + " GiB (" + signed(p.diskGiB() - machine.diskGiB()) + " GiB), CPU cap "
                    + machine.cpuCap() + " → " + p.cpuCap() + " % (" + signed(p.cpuCap() - machine.cpuCap())
                    + " %)");
        }
    }

    private static String signed(long v) {
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.abs(v);
    }

    private static String signedMib(long v) {
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + Facts.mib(Math.abs(v));
    }
}
