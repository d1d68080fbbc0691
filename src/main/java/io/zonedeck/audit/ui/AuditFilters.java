package io.zonedeck.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.zonedeck.audit.AuditQuery;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The filter bar of the audit log; the service applies every filter (AuditQuery). */
class AuditFilters extends HorizontalLayout {
    static final List<String> ACTIONS = List.of(
            "login", "access.", "machine.", "package.", "image.", "network.", "node.", "failover.", "tenant.", "user.");
    static final List<String> RESULTS = List.of(
            "ok", "Invalid", "NotFound", "Busy", "InvalidState", "Duplicate", "Forbidden", "BadCredentials", "Error");

    private final TextField search = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField user = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final ComboBox<String> result = new ComboBox<>();
    private final Button clear = new Button(VaadinIcon.CLOSE_SMALL.create());
    private final ZoneId zone;

    AuditFilters(ZoneId zone, Runnable onChange) {
        this.zone = zone;
        search.setId("audit-search");
        search.setPlaceholder("Search");
        search.setTooltipText("A part of the target, the message, the user or the request id");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("12em");
        search.setAriaLabel("Search the audit log");

        from.setId("audit-from");
        from.setPlaceholder("From");
        from.setAriaLabel("From day");
        from.setClearButtonVisible(true);
        from.setWidth("8.5em");
        to.setId("audit-to");
        to.setPlaceholder("To");
        to.setAriaLabel("To day (inclusive)");
        to.setClearButtonVisible(true);
        to.setWidth("8.5em");
        from.addValueChangeListener(e -> to.setMin(e.getValue()));
        to.addValueChangeListener(e -> from.setMax(e.getValue()));

        user.setId("audit-user");
        user.setPlaceholder("User");
        user.setAriaLabel("User");
        user.setClearButtonVisible(true);
        user.setValueChangeMode(ValueChangeMode.LAZY);
        user.setWidth("7em");

        action.setId("audit-action");
        action.setItems(ACTIONS);
        action.setAllowCustomValue(true);
        action.addCustomValueSetListener(e -> action.setValue(e.getDetail()));
        action.setPlaceholder("Any action");
        action.setAriaLabel("Action (or its start)");
        action.setClearButtonVisible(true);
        action.setWidth("9em");

        result.setId("audit-result");
        result.setItems(RESULTS);
        result.setAllowCustomValue(true);
        result.addCustomValueSetListener(e -> result.setValue(e.getDetail()));
        result.setPlaceholder("Any result");
        result.setAriaLabel("Result");
        result.setClearButtonVisible(true);
        result.setWidth("8.5em");

        clear.setId("audit-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        clear.setAriaLabel("Clear filters");
        clear.setTooltipText("Clear filters");
        clear.addClickListener(e -> {
            search.clear();
            from.clear();
            to.clear();
            user.clear();
            action.clear();
            result.clear();
        });

        search.addValueChangeListener(e -> onChange.run());
        from.addValueChangeListener(e -> onChange.run());
        to.addValueChangeListener(e -> onChange.run());
        user.addValueChangeListener(e -> onChange.run());
        action.addValueChangeListener(e -> onChange.run());
        result.addValueChangeListener(e -> onChange.run());

        add(search, from, to, user, action, result, clear);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("flex-wrap", "wrap");
    }

    /** The filters as a query: days in this zone, the "to" day included. */
    AuditQuery query() {
        LocalDate f = from.getValue();
        LocalDate t = to.getValue();
        return new AuditQuery(
                f == null ? null : f.atStartOfDay(zone).toInstant(),
                t == null ? null : t.plusDays(1).atStartOfDay(zone).toInstant(),
                trimmed(user.getValue()),
                trimmed(action.getValue()),
                trimmed(result.getValue()),
                trimmed(search.getValue()));
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
