package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaUsage;
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

    /**
     * Shows the choices ({@code label -> text}) and, limit by limit, what the machine adds to its tenant's
     * holdings against the quota; limits it would pass are red and named above the table.
     */
    void render(Map<String, String> choices, QuotaUsage adds, WizardBackend.Usage usage) {
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
        H4 title = new H4("Impact on " + (usage == null ? "the tenant" : usage.scope()));
        title.getStyle().set("margin", "0 0 var(--lumo-space-xs) 0");
        impact.add(title);
        if (adds == null || usage == null) {
            impact.add(new Paragraph("Choose a package to see what the machine adds."));
            return;
        }
        List<FieldProblem> exceeded = usage.limits().exceededBy(usage.used(), adds);
        if (!exceeded.isEmpty()) {
            Paragraph refused = new Paragraph(
                    exceeded.stream().map(FieldProblem::message).collect(java.util.stream.Collectors.joining(" "))
                            + " Delete something or ask your operator for a higher quota.");
            refused.setId("wizard-quota-exceeded");
            refused.getStyle().set("color", "var(--lumo-error-text-color)").set("margin", "0");
            impact.add(refused);
        }
        Div table = new Div();
        table.setId("wizard-impact-table");
        table.addClassName("zd-quota-table");
        for (String h : List.of("", "In use", "This machine", "After", "Quota")) {
            Span head = new Span(h);
            head.addClassName("zd-quota-head");
            table.add(head);
        }
        for (QuotaLimit l : QuotaLimit.values()) {
            Long max = usage.limits().get(l);
            long add = adds.get(l);
            if (add == 0 && max == null) {
                continue;
            }
            long used = usage.used().get(l);
            boolean over = max != null && add > 0 && used + add > max;
            Span label = new Span(l.label());
            label.getElement().setAttribute("data-limit", l.key());
            Span after = new Span(l.format(used + add));
            if (over) {
                after.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
                label.getElement().setAttribute("data-exceeded", "true");
            }
            table.add(
                    label,
                    new Span(l.format(used)),
                    new Span(add == 0 ? "—" : "+ " + l.format(add)),
                    after,
                    new Span(max == null ? "unlimited" : l.format(max)));
        }
        impact.add(table);
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
