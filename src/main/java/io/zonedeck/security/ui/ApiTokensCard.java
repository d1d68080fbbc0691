package io.zonedeck.security.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.security.ApiToken;
import io.zonedeck.security.ApiTokenScope;
import io.zonedeck.security.ApiTokenService.NewToken;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The user's API tokens for scripts and the REST API: name, scope, expiry, last use; create (the token is shown
 * once, in a dialog) and revoke.
 */
class ApiTokensCard extends Div {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final Map<String, Integer> EXPIRY = Map.of("7 days", 7, "30 days", 30, "90 days", 90, "1 year", 366);

    private final Supplier<List<ApiToken>> list;
    private final Grid<ApiToken> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final Select<ApiTokenScope> scope = new Select<>();
    private final Select<String> expiry = new Select<>();

    ApiTokensCard(Supplier<List<ApiToken>> list, Function<NewToken, ApiToken.Created> create, Consumer<UUID> revoke) {
        this.list = list;
        addClassName("zd-card");
        setId("api-tokens-card");
        H3 title = new H3("API tokens");
        title.getStyle().set("margin", "0");
        Paragraph help = new Paragraph("For scripts and the REST API: send Authorization: Bearer <token>. A read-only"
                + " token can only read. Tokens act as you, with your role.");
        help.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0 0 var(--lumo-space-s) 0");

        grid.setId("account-tokens-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setAllRowsVisible(true);
        grid.addColumn(ApiToken::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(t -> t.scope() == ApiTokenScope.READ_ONLY ? "Read only" : "Read and write")
                .setHeader("Scope")
                .setKey("scope")
                .setAutoWidth(true);
        grid.addColumn(t -> t.prefix() + "…")
                .setHeader("Token")
                .setKey("prefix")
                .setAutoWidth(true);
        grid.addColumn(t -> when(t.createdAt()))
                .setHeader("Created")
                .setKey("created")
                .setAutoWidth(true);
        grid.addColumn(t -> t.expiresAt() == null
                        ? "never"
                        : (t.expiresAt().isBefore(Instant.now()) ? "expired " : "") + when(t.expiresAt()))
                .setHeader("Expires")
                .setKey("expires")
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()))
                .setHeader("Last used")
                .setKey("used")
                .setAutoWidth(true);
        RowActions.column(
                grid,
                t -> RowActions.delete(
                        "revoke-token-" + t.name(), "token " + t.name(), () -> revoke.accept(t.id()), this::refresh));
        Span none = new Span("No tokens yet.");
        none.setId("account-tokens-empty");
        grid.setEmptyStateComponent(none);

        name.setId("account-token-name");
        name.setPlaceholder("ci-deploy");
        name.setMaxLength(64);
        name.setManualValidation(true);
        name.addValueChangeListener(e -> name.setInvalid(false));
        scope.setId("account-token-scope");
        scope.setLabel("Scope");
        scope.setItems(ApiTokenScope.READ_ONLY, ApiTokenScope.READ_WRITE);
        scope.setItemLabelGenerator(s -> s == ApiTokenScope.READ_ONLY ? "Read only" : "Read and write");
        scope.setValue(ApiTokenScope.READ_ONLY);
        expiry.setId("account-token-expiry");
        expiry.setLabel("Expires after");
        expiry.setItems("7 days", "30 days", "90 days", "1 year", "never");
        expiry.setValue("90 days");
        Button createButton = new Button("Create token", VaadinIcon.KEY.create(), e -> {
            FieldErrors.clear(fields());
            try {
                ApiToken.Created created =
                        create.apply(new NewToken(name.getValue(), scope.getValue(), EXPIRY.get(expiry.getValue())));
                name.clear();
                refresh();
                showOnce(created);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        createButton.setId("account-create-token");
        createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, scope, expiry, createButton);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(title, help, grid, form);
        refresh();
    }

    /** The token, this one time: copy it now. */
    private static void showOnce(ApiToken.Created created) {
        Dialog d = new Dialog();
        d.setId("token-created-dialog");
        d.setHeaderTitle("Token " + created.info().name() + " created");
        TextField value = new TextField("Copy it now: it is not shown again");
        value.setId("token-created-value");
        value.setValue(created.token());
        value.setReadOnly(true);
        value.setWidth("36em");
        Button copy = new Button(
                "Copy",
                VaadinIcon.COPY.create(),
                e -> value.getElement()
                        .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.token()));
        copy.setId("token-created-copy");
        Button close = new Button("Done", e -> d.close());
        close.setId("token-created-done");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.add(value);
        d.getFooter().add(copy, close);
        d.open();
    }

    private static String when(Instant at) {
        return DAY.format(at);
    }

    private void refresh() {
        grid.setItems(list.get());
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "scope", scope);
    }
}
