package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.MachinePackage;
import java.util.ArrayList;
import java.util.List;

/** Step 3: a package, shown as cards with all of its limits. */
class PackageStep implements WizardStep {
    private final List<MachinePackage> packages;
    private final RadioButtonGroup<MachinePackage> pkg = new RadioButtonGroup<>("Package");
    private final VerticalLayout content = new VerticalLayout();
    private String brand = "joyent";

    PackageStep(List<MachinePackage> packages) {
        this.packages = packages;
        pkg.setId("wizard-package");
        pkg.setItems(packages);
        pkg.setRenderer(new ComponentRenderer<Component, MachinePackage>(this::card));
        pkg.setHelperText("Zones may burst into idle CPU up to their cap; shares weigh them against their "
                + "neighbours when the CPU is busy.");
        pkg.addValueChangeListener(e -> pkg.setInvalid(false));
        if (!packages.isEmpty()) {
            pkg.setValue(packages.get(0));
        }
        content.setPadding(false);
        content.add(pkg);
    }

    private Component card(MachinePackage p) {
        Span title = new Span(p.name());
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        Div facts = new Div();
        facts.addClassName("zd-facts");
        facts.getStyle()
                .set("margin", "var(--lumo-space-xs) 0 0 0")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("column-gap", "var(--lumo-space-m)");
        fact(facts, "RAM", Sizes.mib(p.ramMiB()));
        fact(facts, "Disk", Sizes.gib(p.diskGiB()));
        fact(facts, "vCPUs", BasicsStep.isHvm(brand) ? String.valueOf(p.vcpus()) : p.vcpus() + " (VMs only)");
        fact(facts, "CPU cap", p.cpuCap() + "% of a CPU");
        fact(facts, "CPU shares", String.valueOf(p.cpuShares()));
        fact(facts, "I/O priority", String.valueOf(p.zfsIoPriority()));
        fact(facts, "Swap", Sizes.mib(p.maxSwapMiB()));
        fact(facts, "Processes", String.valueOf(p.maxLwps()));
        Div card = new Div(title, facts);
        card.addClassName("zd-card");
        card.getStyle()
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("width", "13.5em");
        return card;
    }

    private static void fact(Div facts, String label, String value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        facts.add(dt, new Span(value));
    }

    /** vCPUs only matter for hardware VMs: the cards say so for the chosen brand. */
    void setBrand(String brand) {
        if (brand != null && !brand.equals(this.brand)) {
            this.brand = brand;
            MachinePackage chosen = pkg.getValue();
            pkg.setItems(packages);
            pkg.setValue(chosen);
        }
    }

    MachinePackage pkg() {
        return pkg.getValue();
    }

    @Override
    public String title() {
        return "Package";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> rest = new ArrayList<>();
        for (FieldProblem p : problems) {
            if (p.field().equals("package")) {
                pkg.setErrorMessage(p.message());
                pkg.setInvalid(true);
            } else {
                rest.add(p);
            }
        }
        return rest;
    }

    @Override
    public void clearErrors() {
        pkg.setInvalid(false);
    }
}
