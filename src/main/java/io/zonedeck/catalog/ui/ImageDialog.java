package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.ImageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Operator: register an image with the brands it runs under. */
class ImageDialog extends Dialog {
    static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");
    static final List<String> OS = List.of("smartos", "linux", "windows", "bsd", "illumos", "other");

    private final TextField name = new TextField("Name");
    private final TextField version = new TextField("Version");
    private final ComboBox<String> os = new ComboBox<>("OS", OS);
    private final CheckboxGroup<String> brands = new CheckboxGroup<>("Compatible brands");
    private final IntegerField size = new IntegerField("Size (MiB)");

    ImageDialog(Function<ImageRequest, Image> create, Consumer<Image> onCreated) {
        setHeaderTitle("Create image");
        setId("image-dialog");
        name.setId("image-name");
        version.setId("image-version");
        os.setId("image-os");
        brands.setId("image-brands");
        brands.setItems(BRANDS);
        size.setId("image-size");
        FormLayout form = new FormLayout(name, version, os, size, brands);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        form.setColspan(brands, 2);
        add(form);
        Button ok = new Button("Create", e -> {
            FieldErrors.clear(fields());
            try {
                Image i = create.apply(new ImageRequest(
                        name.getValue(),
                        version.getValue(),
                        os.getValue(),
                        BRANDS.stream().filter(brands.getValue()::contains).toList(),
                        size.getValue() == null ? null : size.getValue().longValue()));
                close();
                onCreated.accept(i);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        ok.setId("create-image-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "version", version, "os", os, "brands", brands, "sizeMiB", size);
    }
}
