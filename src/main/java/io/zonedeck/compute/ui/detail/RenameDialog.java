package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.JobInfo;
import java.util.Map;
import java.util.function.Function;

/** A new name (alias) for the machine; the service's refusals (Invalid, Duplicate) show on the field. */
public class RenameDialog extends Dialog {
    public RenameDialog(String current, Function<String, JobInfo> rename) {
        setId("rename-dialog");
        setHeaderTitle("Rename " + current);
        setWidth("min(440px, 95vw)");
        TextField name = new TextField("New name");
        name.setId("rename-name");
        name.setValue(current);
        name.setWidthFull();
        name.setManualValidation(true);
        name.setHelperText("1-64 letters, digits, '.', '_' or '-'; unique among your machines");
        add(name);
        Button confirm = new Button(
                "Rename",
                e -> Attempt.run("Rename", Map.of("name", name), () -> rename.apply(name.getValue()))
                        .ifPresent(j -> close()));
        confirm.setId("rename-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("rename-cancel");
        getFooter().add(cancel, confirm);
        addOpenedChangeListener(e -> name.focus());
    }
}
