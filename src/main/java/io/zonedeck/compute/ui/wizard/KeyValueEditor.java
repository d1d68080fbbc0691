package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key/value pairs (tags, metadata) as rows of two fields; empty rows are ignored. */
class KeyValueEditor extends CustomField<Map<String, String>> {
    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();
    private final String keyPlaceholder;
    private final String valuePlaceholder;

    private final class Row {
        final TextField key = new TextField();
        final TextField value = new TextField();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        final HorizontalLayout layout = new HorizontalLayout(key, value, remove);

        Row() {
            key.addClassName("kv-key");
            key.setPlaceholder(keyPlaceholder);
            key.setAriaLabel("Key");
            key.setManualValidation(true);
            value.addClassName("kv-value");
            value.setPlaceholder(valuePlaceholder);
            value.setAriaLabel("Value");
            value.setManualValidation(true);
            value.setWidth("18em");
            key.addValueChangeListener(e -> changed());
            value.addValueChangeListener(e -> changed());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            remove.setAriaLabel("Remove");
            remove.addClickListener(e -> {
                rows.remove(this);
                list.remove(layout);
                if (rows.isEmpty()) {
                    addRow();
                }
                updateValue();
            });
            layout.setAlignItems(FlexComponent.Alignment.BASELINE);
        }

        void changed() {
            key.setInvalid(false);
            value.setInvalid(false);
            KeyValueEditor.this.setInvalid(false);
            updateValue();
        }
    }

    KeyValueEditor(String label, String addLabel, String keyPlaceholder, String valuePlaceholder) {
        this.keyPlaceholder = keyPlaceholder;
        this.valuePlaceholder = valuePlaceholder;
        setLabel(label);
        list.setPadding(false);
        list.setSpacing(false);
        Button add =
                new Button(addLabel, VaadinIcon.PLUS.create(), e -> addRow().key.focus());
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add.addClassName("kv-add");
        VerticalLayout layout = new VerticalLayout(list, add);
        layout.setPadding(false);
        layout.setSpacing(false);
        add(layout);
        addRow();
    }

    private Row addRow() {
        Row r = new Row();
        rows.add(r);
        list.add(r.layout);
        return r;
    }

    /** Non-empty rows in order; a repeated key keeps its last value. */
    @Override
    protected Map<String, String> generateModelValue() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : rows) {
            String k = r.key.getValue().trim();
            String v = r.value.getValue();
            if (!k.isEmpty() || !v.isEmpty()) {
                out.put(k, v);
            }
        }
        return out;
    }

    @Override
    protected void setPresentationValue(Map<String, String> value) {
        rows.clear();
        list.removeAll();
        if (value != null) {
            value.forEach((k, v) -> {
                Row r = addRow();
                r.key.setValue(k);
                r.value.setValue(v);
            });
        }
        if (rows.isEmpty()) {
            addRow();
        }
    }

    /** Marks the row of {@code key} (its value; the key itself when {@code onKey}). */
    void markRow(String key, boolean onKey, String message) {
        for (Row r : rows) {
            if (r.key.getValue().trim().equals(key == null ? "" : key)) {
                TextField f = onKey ? r.key : r.value;
                f.setErrorMessage(message);
                f.setInvalid(true);
            }
        }
    }

    void clearRows() {
        rows.forEach(r -> {
            r.key.setInvalid(false);
            r.value.setInvalid(false);
        });
    }

    /** Values never null: an empty editor is an empty map. */
    Map<String, String> entries() {
        Map<String, String> v = getValue();
        return v == null ? Map.of() : v;
    }
}
