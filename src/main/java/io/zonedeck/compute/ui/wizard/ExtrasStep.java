package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.security.SshKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Step 5: SSH keys (saved ones pre-checked, more pasted), tags, metadata and affinity rules, all optional. */
class ExtrasStep implements WizardStep {
    private final CheckboxGroup<SshKey> savedKeys = new CheckboxGroup<>("Your saved SSH keys");
    private final TextArea sshKeys = new TextArea("SSH public keys");
    private final KeyValueEditor tags = new KeyValueEditor("Tags", "Add tag", "role", "web");
    private final KeyValueEditor metadata = new KeyValueEditor("Metadata", "Add metadata", "user-script", "value");
    private final TextArea affinity = new TextArea("Affinity rules");
    private final VerticalLayout content = new VerticalLayout();

    ExtrasStep() {
        sshKeys.setId("wizard-ssh-keys");
        sshKeys.setHelperText("One key per line, e.g. ssh-ed25519 AAAA… you@laptop; installed for root");
        sshKeys.setWidthFull();
        sshKeys.setMinRows(2);
        sshKeys.setMaxRows(6);
        sshKeys.setManualValidation(true);
        sshKeys.getStyle().set("font-family", "var(--lumo-font-family)");
        sshKeys.addValueChangeListener(e -> sshKeys.setInvalid(false));

        tags.setId("wizard-tags");
        tags.setHelperText("Tags can be searched in the machine list (role=web)");
        metadata.setId("wizard-metadata");
        metadata.setHelperText("customer_metadata, readable inside the machine with mdata-get");

        affinity.setId("wizard-affinity");
        affinity.setHelperText("One rule per line: instance!=db-1 (not on db-1's node), role==db (with machines "
                + "tagged role=db); add ~ for a soft rule: role!=~web");
        affinity.setWidthFull();
        affinity.setMinRows(1);
        affinity.setMaxRows(5);
        affinity.setManualValidation(true);
        affinity.addValueChangeListener(e -> affinity.setInvalid(false));

        savedKeys.setId("wizard-saved-keys");
        savedKeys.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        savedKeys.setItemLabelGenerator(k -> k.name() + " · " + k.type() + " · " + k.fingerprint());
        savedKeys.setHelperText("Manage them on your Account page");
        savedKeys.setVisible(false);

        content.setPadding(false);
        content.add(savedKeys, sshKeys, tags, metadata, affinity);
    }

    /** Offers the user's saved keys, all checked; the paste field then takes further keys. */
    void offer(List<SshKey> keys) {
        savedKeys.setItems(keys);
        savedKeys.setValue(new LinkedHashSet<>(keys));
        savedKeys.setVisible(!keys.isEmpty());
        sshKeys.setLabel(keys.isEmpty() ? "SSH public keys" : "More SSH public keys");
    }

    /** Non-blank lines with their 1-based line numbers. */
    private static Map<Integer, String> lines(TextArea area) {
        Map<Integer, String> out = new LinkedHashMap<>();
        String[] all = area.getValue().split("\\R", -1);
        for (int i = 0; i < all.length; i++) {
            if (!all[i].isBlank()) {
                out.put(i + 1, all[i].trim());
            }
        }
        return out;
    }

    /** The pasted keys, then the checked saved keys that were not pasted as well. */
    List<String> sshKeys() {
        List<String> out = new ArrayList<>(lines(sshKeys).values());
        savedKeys
                .getListDataView()
                .getItems()
                .filter(savedKeys.getValue()::contains)
                .map(SshKey::publicKey)
                .filter(k -> !out.contains(k))
                .forEach(out::add);
        return List.copyOf(out);
    }

    List<String> affinity() {
        return List.copyOf(lines(affinity).values());
    }

    Map<String, String> tags() {
        return tags.entries();
    }

    Map<String, String> metadata() {
        return metadata.entries();
    }

    @Override
    public String title() {
        return "Keys & tags";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> rest = new ArrayList<>();
        List<String> keyErrors = new ArrayList<>();
        List<String> affinityErrors = new ArrayList<>();
        List<String> tagErrors = new ArrayList<>();
        List<String> metadataErrors = new ArrayList<>();
        for (FieldProblem p : problems) {
            String f = p.field();
            if (f.equals("sshKeys")) {
                keyErrors.add(p.message());
            } else if (f.startsWith("sshKeys.")) {
                keyErrors.add(lineOf(sshKeys, f) + p.message());
            } else if (f.equals("affinity")) {
                affinityErrors.add(p.message());
            } else if (f.startsWith("affinity.")) {
                affinityErrors.add(lineOf(affinity, f) + p.message());
            } else if (f.equals("tags") || f.startsWith("tags.")) {
                tagErrors.add(entry(tags, f, p.message()));
            } else if (f.equals("metadata") || f.startsWith("metadata.")) {
                metadataErrors.add(entry(metadata, f, p.message()));
            } else {
                rest.add(p);
            }
        }
        mark(sshKeys, keyErrors);
        mark(affinity, affinityErrors);
        if (!tagErrors.isEmpty()) {
            tags.setErrorMessage(String.join("; ", tagErrors));
            tags.setInvalid(true);
        }
        if (!metadataErrors.isEmpty()) {
            metadata.setErrorMessage(String.join("; ", metadataErrors));
            metadata.setInvalid(true);
        }
        return rest;
    }

    /**
     * "Line 3: " for the N-th non-blank line named by {@code field} ("sshKeys.N"); for the SSH keys, an index past
     * the pasted lines is a saved key: "Saved key laptop: ".
     */
    private String lineOf(TextArea area, String field) {
        try {
            int index = Integer.parseInt(field.substring(field.indexOf('.') + 1));
            List<Integer> numbers = List.copyOf(lines(area).keySet());
            if (area == sshKeys && index >= numbers.size()) {
                List<String> keys = sshKeys();
                String line = index < keys.size() ? keys.get(index) : "";
                return savedKeys.getValue().stream()
                        .filter(k -> k.publicKey().equals(line))
                        .map(k -> "Saved key " + k.name() + ": ")
                        .findFirst()
                        .orElse("");
            }
            return index < numbers.size() ? "Line " + numbers.get(index) + ": " : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** Marks the row of "tags.KEY" and says which key the message is about. */
    private static String entry(KeyValueEditor editor, String field, String message) {
        if (!field.contains(".")) {
            return message;
        }
        String key = field.substring(field.indexOf('.') + 1);
        editor.markRow(key, false, message);
        return key + ": " + message;
    }

    private static void mark(TextArea area, List<String> errors) {
        if (!errors.isEmpty()) {
            area.setErrorMessage(String.join("; ", errors));
            area.setInvalid(true);
        }
    }

    @Override
    public void clearErrors() {
        sshKeys.setInvalid(false);
        affinity.setInvalid(false);
        tags.setInvalid(false);
        tags.clearRows();
        metadata.setInvalid(false);
        metadata.clearRows();
    }
}
