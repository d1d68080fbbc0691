package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.catalog.PackageRequest;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Operator: define a package; the service's refusals land on the fields they name. */
class PackageDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final IntegerField ram = number("RAM (MiB)", "package-ram", 1024);
    private final IntegerField disk = number("Disk quota (GiB)", "package-disk", 25);
    private final IntegerField vcpus = number("vCPUs (HVM)", "package-vcpus", 1);
    private final IntegerField cpuCap = number("CPU cap (% of one CPU, 0 = none)", "package-cpu-cap", 100);
    private final IntegerField cpuShares = number("CPU shares", "package-cpu-shares", 100);
    private final IntegerField ioPriority = number("ZFS I/O priority", "package-io-priority", 100);
    private final IntegerField maxLwps = number("Max LWPs", "package-max-lwps", 2000);
    private final IntegerField swap = number("Max swap (MiB)", "package-swap", null);
    private final TextField billingTag = new TextField("Billing tag");

    PackageDialog(Function<PackageRequest, MachinePackage> create, Consumer<MachinePackage> onCreated) {
        setHeaderTitle("Create package");
        setId("package-dialog");
        name.setId("package-name");
        name.setHelperText("Letters, digits, dots, dashes, underscores");
        swap.setHelperText("Empty: twice the RAM, at least 256 MiB");
        billingTag.setId("package-billing-tag");
        FormLayout form =
                new FormLayout(name, ram, disk, vcpus, cpuCap, cpuShares, ioPriority, maxLwps, swap, billingTag);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        add(form);
        Button ok = new Button("Create", e -> {
            FieldErrors.clear(fields());
            try {
                MachinePackage p = create.apply(new PackageRequest(
                        name.getValue(),
                        asLong(ram),
                        asLong(disk),
                        vcpus.getValue(),
                        cpuCap.getValue(),
                        cpuShares.getValue(),
                        ioPriority.getValue(),
                        maxLwps.getValue(),
                        asLong(swap),
                        billingTag.getValue()));
                close();
                onCreated.accept(p);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        ok.setId("create-package-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of(
                "name", name,
                "ramMiB", ram,
                "diskGiB", disk,
                "vcpus", vcpus,
                "cpuCap", cpuCap,
                "cpuShares", cpuShares,
                "zfsIoPriority", ioPriority,
                "maxLwps", maxLwps,
                "maxSwapMiB", swap,
                "billingTag", billingTag);
    }

    private static IntegerField number(String label, String id, Integer value) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setValue(value);
        return f;
    }

    private static Long asLong(IntegerField f) {
        return f.getValue() == null ? null : f.getValue().longValue();
    }
}
