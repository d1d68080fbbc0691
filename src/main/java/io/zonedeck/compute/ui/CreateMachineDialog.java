package io.zonedeck.compute.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The create form: name, brand, image (filtered to the brand) and package. It hands a request to the
 * callback; a refusal is shown on the fields it names, and nothing is created.
 */
public class CreateMachineDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final Select<String> brand = new Select<>();
    private final ComboBox<Image> image = new ComboBox<>("Image");
    private final Select<MachinePackage> pkg = new Select<>();
    private final ComboBox<String> tenant = new ComboBox<>("Tenant");
    private final Paragraph error = new Paragraph();

    public CreateMachineDialog(
            List<Image> images,
            List<MachinePackage> packages,
            List<String> tenants,
            Function<CreateMachineRequest, Accepted> create,
            Consumer<Accepted> onCreated) {
        setHeaderTitle("Create machine");
        setId("create-machine-dialog");
        setWidth("min(560px, 95vw)");

        name.setId("machine-name");
        name.setRequired(true);
        name.setPlaceholder("e.g. web-01");
        name.setHelperText("Letters, digits, '.', '_' or '-'");
        name.setMaxLength(64);

        brand.setLabel("Brand");
        brand.setId("machine-brand");
        brand.setItems("joyent", "lx", "kvm", "bhyve");
        brand.setItemLabelGenerator(b -> switch (b) {
            case "joyent" -> "joyent (native zone)";
            case "lx" -> "lx (Linux zone)";
            case "kvm" -> "kvm (hardware VM)";
            default -> "bhyve (hardware VM)";
        });
        brand.setValue("joyent");

        image.setId("machine-image");
        image.setItemLabelGenerator(i -> i.label() + " (" + i.os() + ")");
        image.setRequired(true);
        Runnable filterImages = () -> {
            List<Image> fitting =
                    images.stream().filter(i -> i.supports(brand.getValue())).toList();
            image.setItems(fitting);
            image.setValue(fitting.isEmpty() ? null : fitting.get(0));
        };
        brand.addValueChangeListener(e -> filterImages.run());
        filterImages.run();

        pkg.setLabel("Package");
        pkg.setId("machine-package");
        pkg.setItems(packages);
        pkg.setItemLabelGenerator(MachinePackage::label);
        if (!packages.isEmpty()) {
            pkg.setValue(packages.get(0));
        }

        tenant.setId("machine-tenant");
        tenant.setItems(tenants);
        tenant.setVisible(!tenants.isEmpty());

        error.setId("create-error");
        error.addClassName("zd-error");
        error.setVisible(false);

        FormLayout form = new FormLayout(name, brand, image, pkg, tenant);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("420px", 2));
        form.setColspan(pkg, 2);
        form.setColspan(image, 2);
        add(form, error);

        Button submit = new Button("Create", e -> {
            clearErrors();
            CreateMachineRequest req = new CreateMachineRequest(
                    name.getValue(),
                    brand.getValue(),
                    image.getValue() == null ? null : image.getValue().id().toString(),
                    pkg.getValue() == null ? null : pkg.getValue().id().toString(),
                    tenant.getValue());
            try {
                Accepted accepted = create.apply(req);
                close();
                onCreated.accept(accepted);
            } catch (ZoneDeckException ex) {
                show(ex);
            }
        });
        submit.setId("create-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("create-cancel");
        getFooter().add(cancel, submit);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "brand", brand, "image", image, "package", pkg, "tenant", tenant);
    }

    private void clearErrors() {
        FieldErrors.clear(fields());
        error.setVisible(false);
    }

    private void show(ZoneDeckException ex) {
        boolean onField = FieldErrors.show(ex, fields());
        if (!onField || "InsufficientCapacity".equals(ex.code())) {
            error.setText(ex.getMessage());
            error.setVisible(true);
        }
    }
}
