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
import io.zonedeck.compute.NodeOffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2: an image that runs under the chosen brand (name, version, OS, size); one no online node runs is shown
 * disabled, saying so.
 */
class ImageStep implements WizardStep {
    private final List<Image> images;
    private final RadioButtonGroup<Image> image = new RadioButtonGroup<>("Image");
    private final Paragraph none = new Paragraph();
    private final VerticalLayout content = new VerticalLayout();
    private final NodeOffer offer;
    private String brand;

    ImageStep(List<Image> images) {
        this(images, NodeOffer.EVERYTHING);
    }

    ImageStep(List<Image> images, NodeOffer offer) {
        this.images = images;
        this.offer = offer;
        image.setId("wizard-image");
        image.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        image.setRenderer(new ComponentRenderer<Component, Image>(i -> {
            Span title = new Span(i.name() + " " + i.version());
            title.getStyle().set("font-weight", "600");
            boolean runs = brand == null || offer.runs(i, brand);
            Span facts = new Span(i.os() + " · " + Sizes.mib(i.sizeMiB()) + " · runs as "
                    + String.join(", ", i.brands()) + (runs ? "" : " · " + NodeOffer.noImage(brand)));
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
        this.brand = brand;
        List<Image> fitting =
                images.stream().filter(i -> brand != null && i.supports(brand)).toList();
        List<Image> runnable =
                fitting.stream().filter(i -> offer.runs(i, brand)).toList();
        Image chosen = image.getValue();
        image.setItems(fitting);
        image.setItemEnabledProvider(i -> offer.runs(i, brand));
        image.setValue(
                chosen != null && runnable.contains(chosen) ? chosen : runnable.isEmpty() ? null : runnable.get(0));
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
