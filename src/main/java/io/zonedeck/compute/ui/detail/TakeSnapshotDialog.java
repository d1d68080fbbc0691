package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.JobInfo;
import java.util.Map;
import java.util.function.Function;

/** Names a new snapshot; the service's refusals (Invalid, Duplicate, too many) show on the name. */
public class TakeSnapshotDialog extends Dialog {
    public TakeSnapshotDialog(Function<String, JobInfo> take) {
        setId("snapshot-dialog");
        setHeaderTitle("Take a snapshot");
        setWidth("min(440px, 95vw)");
        TextField name = new TextField("Name");
        name.setId("snapshot-name");
        name.setWidthFull();
        name.setManualValidation(true);
        name.setHelperText("1-64 letters, digits, '_', '.', ':' or '-'");
        add(name);
        Button confirm = new Button(
                "Take snapshot",
                e -> Attempt.run("Snapshot", Map.of("name", name), () -> take.apply(name.getValue()))
                        .ifPresent(j -> close()));
        confirm.setId("snapshot-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("snapshot-cancel");
        getFooter().add(cancel, confirm);
        addOpenedChangeListener(e -> name.focus());
    }
}
