package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.Image;
import java.util.ArrayList;
import java.util.List;

/** Step 2: an image that runs under the chosen brand (name, version, OS, size). */
class ImageStep implements WizardStep {
    private final List<Image> images;
    private final RadioButtonGroup<Image> image = new RadioButtonGroup<>("Image");
    private final Paragraph none = new Paragraph();
    private final VerticalLayout content = new VerticalLayout();

    ImageStep(List<Image> images) {
        this.images = images;
        image.setId("wizard-image");
        image.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        image.setRenderer(new ComponentRenderer<Component, Image>(i -> {
            Span title = new Span(i.name() + " " + i.version());
            title.getStyle().set("font-weight", "600");
            Span facts =
                    new Span(i.os() + " · " + Sizes.mib(i.sizeMiB()) + " · runs as " + String.join(", ", i.brands()));
            facts.getStyle()
                    .set("color", "var(--lumo-secondary-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            return new Div(title, new Div(facts));
        }));
        image.addValueChangeListener(e -> image.setInvalid(false));
        none.addClassName("zd-error");
        none.setVisible(false);
        content.setPadding(false);
        content.add(image, none);
    }

    /** Offers only the images of {@code brand}; keeps the choice if it still fits, else takes the first. */
    void setBrand(String brand) {
        List<Image> fitting =
                images.stream().filter(i -> brand != null && i.supports(brand)).toList();
        Image chosen = image.getValue();
        image.setItems(fitting);
        image.setValue(chosen != null && fitting.contains(chosen) ? chosen : fitting.isEmpty() ? null : fitting.get(0));
        none.setText("No image runs as " + brand + ". Go back and choose another brand.");
        none.setVisible(fitting.isEmpty());
    }

    Image image() {
        return image.getValue();
    }

    @Override
    public String title() {
        return "Image";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> rest = new ArrayList<>();
        for (FieldProblem p : problems) {
            if (p.field().equals("image")) {
                image.setErrorMessage(p.message());
                image.setInvalid(true);
            } else {
                rest.add(p);
            }
        }
        return rest;
    }

    @Override
    public void clearErrors() {
        image.setInvalid(false);
    }
}
