package io.zonedeck.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.security.SshKey;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The user's saved SSH keys: list with fingerprints, add (name + public key line), delete. */
class SshKeysCard extends Div {
    private static final DateTimeFormatter ADDED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final Supplier<List<SshKey>> list;
    private final Grid<SshKey> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final TextArea key = new TextArea("Public key");

    SshKeysCard(Supplier<List<SshKey>> list, BiFunction<String, String, SshKey> add, Consumer<UUID> delete) {
        this.list = list;
        addClassName("zd-card");
        setId("ssh-keys-card");
        H3 title = new H3("SSH keys");
        title.getStyle().set("margin", "0");
        Paragraph help = new Paragraph("The create wizard offers these keys for root on new machines.");
        help.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0 0 var(--lumo-space-s) 0");

        grid.setId("account-keys-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setAllRowsVisible(true);
        grid.addColumn(SshKey::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(k -> k.type() + " · " + k.bits())
                .setHeader("Type")
                .setKey("type")
                .setAutoWidth(true);
        grid.addComponentColumn(SshKeysCard::fingerprint)
                .setHeader("Fingerprint")
                .setKey("fingerprint")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(SshKey::comment).setHeader("Comment").setKey("comment").setFlexGrow(1);
        grid.addColumn(k -> ADDED.format(k.createdAt()))
                .setHeader("Added")
                .setKey("added")
                .setAutoWidth(true);
        RowActions.column(
                grid,
                k -> RowActions.delete(
                        "delete-key-" + k.name(), "key " + k.name(), () -> delete.accept(k.id()), this::refresh));
        Span none = new Span("No keys yet: add your public key (the .pub file's line) below.");
        none.setId("account-keys-empty");
        grid.setEmptyStateComponent(none);

        name.setId("account-key-name");
        name.setPlaceholder("laptop");
        name.setMaxLength(64);
        key.setId("account-key-text");
        key.setWidthFull();
        key.setMinRows(2);
        key.setPlaceholder("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@laptop");
        key.setHelperText("ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or sk-… (security keys); one line, e.g."
                + " the content of ~/.ssh/id_ed25519.pub");
        for (HasValidation f : List.of(name, key)) {
            f.setManualValidation(true);
        }
        name.addValueChangeListener(e -> name.setInvalid(false));
        key.addValueChangeListener(e -> key.setInvalid(false));
        Button addButton = new Button("Add key", VaadinIcon.PLUS.create(), e -> {
            FieldErrors.clear(fields());
            try {
                SshKey k = add.apply(name.getValue(), key.getValue());
                name.clear();
                key.clear();
                refresh();
                RowActions.done("Key " + k.name() + " added (" + k.fingerprint() + ")");
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        addButton.setId("account-add-key");
        addButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, addButton);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        H4 addTitle = new H4("Add a key");
        addTitle.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
        add(title, help, grid, addTitle, key, form);
        refresh();
    }

    private static Component fingerprint(SshKey k) {
        Span s = new Span(k.fingerprint());
        s.getStyle()
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        s.getElement().setAttribute("title", k.publicKey());
        return s;
    }

    private void refresh() {
        grid.setItems(list.get());
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "publicKey", key);
    }
}
