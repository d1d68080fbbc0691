package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Edits a map of strings as rows of key and value, with add/remove rows and a Save that replaces the whole
 * map through the service (a job). While the user edits, or while the save's job runs, live refreshes leave
 * the rows alone; afterwards they show what the machine has. The service's problems show on the row they
 * name, or under the rows.
 */
public class KeyValueEditor extends Div {
    private final String field;
    private final Function<Map<String, String>, JobInfo> save;
    private final Div rowsBox = new Div();
    private final List<Row> rows = new ArrayList<>();
    private final Button addRow = new Button("Add row", VaadinIcon.PLUS.create());
    private final Button saveButton;
    private final Span error = new Span();
    private final Span status = new Span();
    private Map<String, String> current = Map.of();
    private boolean dirty;
    private boolean saving;
    private int nextRow;

    private final class Row extends HorizontalLayout {
        final TextField key = new TextField();
        final TextField value = new TextField();

        Row(String k, String v) {
            int i = nextRow++;
            key.setPlaceholder("key");
            key.setValue(k);
            key.setId(getIdPrefix() + "-key-" + i);
            key.setWidth("14em");
            key.setManualValidation(true);
            key.setAriaLabel("Key");
            value.setPlaceholder("value");
            value.setValue(v);
            value.setId(getIdPrefix() + "-value-" + i);
            value.setManualValidation(true);
            value.setAriaLabel("Value");
            value.getStyle().set("flex", "1").set("min-width", "8em");
            for (TextField f : List.of(key, value)) {
                f.setValueChangeMode(ValueChangeMode.ON_CHANGE);
                f.addValueChangeListener(e -> {
                    if (e.isFromClient()) {
                        edited();
                    }
                });
            }
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                rows.remove(this);
                rowsBox.remove(this);
                edited();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
            remove.setAriaLabel("Remove row");
            remove.setTooltipText("Remove row");
            remove.addClassName("remove-row");
            add(key, value, remove);
            setWidthFull();
            setAlignItems(Alignment.BASELINE);
            addClassName("kv-row");
        }
    }

    /**
     * @param id the editor's id ({@code tags-editor}); rows' fields are {@code <id>-key-<n>}, {@code <id>-value-<n>}
     * @param field the service's field name for this map ({@code tags}, {@code metadata})
     */
    public KeyValueEditor(
            String id, String title, String field, String saveId, Function<Map<String, String>, JobInfo> save) {
        this.field = field;
        this.save = save;
        setId(id);
        addClassName("zd-card");
        getStyle().set("flex", "1 1 420px").set("min-width", "0").set("box-sizing", "border-box");
        H3 heading = new H3(title);
        heading.getStyle().set("margin-top", "0");
        rowsBox.addClassName("kv-rows");
        addRow.setId(id + "-add");
        addRow.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addRow.addClickListener(e -> {
            addRow("", "");
            edited();
        });
        saveButton = new Button("Save " + field, e -> save());
        saveButton.setId(saveId);
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        error.setId(id + "-error");
        error.addClassName("zd-error");
        error.getStyle().set("display", "block").set("overflow-wrap", "anywhere");
        status.setId(id + "-status");
        status.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout buttons = new HorizontalLayout(addRow, saveButton, status);
        buttons.setAlignItems(HorizontalLayout.Alignment.CENTER);
        add(heading, rowsBox, error, buttons);
    }

    private String getIdPrefix() {
        return getId().orElse("kv");
    }

    private void addRow(String k, String v) {
        Row row = new Row(k, v);
        rows.add(row);
        rowsBox.add(row);
    }

    private void edited() {
        dirty = true;
        status.setText("Unsaved changes");
    }

    /** The machine's map as it is now; {@code busy}: a job runs on the machine. */
    public void show(Map<String, String> values, boolean busy) {
        saveButton.setEnabled(!busy);
        if (saving && !busy) {
            saving = false;
            status.setText(values.equals(pendingOrEmpty()) ? "Saved" : "Not saved (see the job)");
            reset(values);
        } else if (!dirty && !saving && !values.equals(current)) {
            reset(values);
        } else if (!dirty && !saving && rows.isEmpty() && values.isEmpty()) {
            reset(values);
        }
        current = values;
    }

    private Map<String, String> pending = null;

    private Map<String, String> pendingOrEmpty() {
        return pending == null ? Map.of() : pending;
    }

    private void reset(Map<String, String> values) {
        rows.clear();
        rowsBox.removeAll();
        values.forEach(this::addRow);
        if (values.isEmpty()) {
            addRow("", "");
        }
        dirty = false;
    }

    /** The rows as a map, or null when a row itself is wrong (shown on it). */
    private Map<String, String> collect() {
        Map<String, String> map = new LinkedHashMap<>();
        boolean ok = true;
        for (Row r : rows) {
            r.key.setInvalid(false);
            r.value.setInvalid(false);
            String k = r.key.getValue().trim();
            if (k.isEmpty() && r.value.getValue().isEmpty()) {
                continue; // an empty row is no entry
            }
            if (k.isEmpty()) {
                invalid(r.key, "A key is required");
                ok = false;
            } else if (map.containsKey(k)) {
                invalid(r.key, "Key " + k + " appears twice");
                ok = false;
            } else {
                map.put(k, r.value.getValue());
            }
        }
        return ok ? map : null;
    }

    private static void invalid(TextField f, String message) {
        f.setErrorMessage(message);
        f.setInvalid(true);
    }

    private void save() {
        error.setText("");
        Map<String, String> wanted = collect();
        if (wanted == null) {
            return;
        }
        try {
            save.apply(wanted);
            pending = wanted;
            saving = true;
            dirty = false;
            status.setText("Saving… (job started)");
        } catch (ZoneDeckException ex) {
            if (ex.errors().isEmpty()) {
                Attempt.error("Save " + field + " refused: " + ex.getMessage());
                return;
            }
            List<String> unplaced = new ArrayList<>();
            for (ZoneDeckException.FieldProblem p : ex.errors()) {
                if (!place(p)) {
                    unplaced.add(p.message());
                }
            }
            error.setText(String.join("; ", unplaced));
        }
    }

    /** Puts a problem on the row it names ({@code tags.<key>} → its value; a quoted bad key → its key). */
    private boolean place(ZoneDeckException.FieldProblem p) {
        for (Row r : rows) {
            String k = r.key.getValue().trim();
            if (p.field().equals(field + "." + k)) {
                invalid(r.value, p.message());
                return true;
            }
            if (p.field().equals(field) && p.message().contains("\"" + k + "\"")) {
                invalid(r.key, p.message());
                return true;
            }
        }
        return false;
    }

    /** The key fields' and value fields' texts, in row order (for tests and page objects). */
    public List<String[]> rows() {
        return rows.stream()
                .map(r -> new String[] {r.key.getValue(), r.value.getValue()})
                .toList();
    }
}
