package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.MachinePackage;
import java.util.List;
import java.util.Map;

/** Step 6: every choice, and what the new machine adds to the tenant's usage. */
class ReviewStep implements WizardStep {
    private final Div facts = new Div();
    private final Div impact = new Div();
    private final VerticalLayout content = new VerticalLayout();

    ReviewStep() {
        facts.addClassName("zd-facts");
        facts.getStyle().set("margin", "0");
        impact.setId("wizard-impact");
        impact.addClassName("zd-card");
        impact.setWidthFull();
        content.setId("wizard-review");
        content.setPadding(false);
        content.add(facts, impact);
    }

    /** Shows the choices ({@code label -> text}) and the impact of one more machine of {@code pkg}. */
    void render(Map<String, String> choices, MachinePackage pkg, WizardBackend.Usage usage) {
        facts.removeAll();
        choices.forEach((label, text) -> {
            Span dt = new Span(label);
            dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
            Span dd = new Span(text);
            dd.getStyle().set("overflow-wrap", "anywhere").set("white-space", "pre-line");
            dd.getElement().setAttribute("data-field", label);
            facts.add(dt, dd);
        });
        impact.removeAll();
        H4 title = new H4("Impact");
        title.getStyle().set("margin", "0 0 var(--lumo-space-xs) 0");
        impact.add(title);
        if (pkg == null || usage == null) {
            impact.add(new Paragraph("Choose a package to see what the machine adds."));
            return;
        }
        Paragraph adds = new Paragraph(
                "This adds 1 machine, " + Sizes.mib(pkg.ramMiB()) + " RAM and " + Sizes.gib(pkg.diskGiB()) + " disk.");
        adds.setId("wizard-impact-adds");
        Paragraph total = new Paragraph(usage.scope() + " will then have " + (usage.machines() + 1) + " machines using "
                + Sizes.mib(usage.ramMiB() + pkg.ramMiB()) + " RAM and " + Sizes.gib(usage.diskGiB() + pkg.diskGiB())
                + " disk" + (usage.unsized() > 0 ? " (" + usage.unsized() + " on retired packages not counted)" : "")
                + ".");
        total.setId("wizard-impact-total");
        Paragraph quota = new Paragraph("No quotas are enforced yet: nothing limits what a tenant may use.");
        quota.getStyle().set("color", "var(--lumo-secondary-text-color)");
        for (Paragraph p : List.of(adds, total, quota)) {
            p.getStyle().set("margin", "0");
        }
        impact.add(adds, total, quota);
    }

    @Override
    public String title() {
        return "Review";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        return problems;
    }

    @Override
    public void clearErrors() {}
}
