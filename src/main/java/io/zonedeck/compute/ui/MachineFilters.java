package io.zonedeck.compute.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.zonedeck.compute.MachineQuery;
import java.util.List;

/** The filter bar of the machines grid; every filter is applied by the service (MachineQuery). */
class MachineFilters extends HorizontalLayout {
    static final List<String> STATES = List.of(
            "provisioning", "running", "stopped", "starting", "stopping", "rebooting", "deleting", "failed", "missing");
    static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");

    private final TextField search = new TextField();
    private final Select<String> state = new Select<>();
    private final Select<String> brand = new Select<>();
    private final ComboBox<String> pkg = new ComboBox<>();
    private final TextField tag = new TextField();
    private final Button clear = new Button("Clear filters", VaadinIcon.CLOSE_SMALL.create());

    MachineFilters(List<String> packageNames, Runnable onChange) {
        search.setId("machines-search");
        search.setPlaceholder("Search name, IP or UUID");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("15em");
        search.setAriaLabel("Search machines");

        state.setId("filter-state");
        state.setItems(STATES);
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any state");
        state.setPlaceholder("Any state");
        state.setAriaLabel("State");
        state.setWidth("9em");

        brand.setId("filter-brand");
        brand.setItems(BRANDS);
        brand.setEmptySelectionAllowed(true);
        brand.setEmptySelectionCaption("Any brand");
        brand.setPlaceholder("Any brand");
        brand.setAriaLabel("Brand");
        brand.setWidth("9em");

        pkg.setId("filter-package");
        pkg.setItems(packageNames);
        pkg.setPlaceholder("Any package");
        pkg.setClearButtonVisible(true);
        pkg.setAriaLabel("Package");
        pkg.setWidth("9em");

        tag.setId("filter-tag");
        tag.setPlaceholder("Tag: role or role=web");
        tag.setClearButtonVisible(true);
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        tag.setAriaLabel("Tag");
        tag.setWidth("11em");

        clear.setId("clear-filters");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.addClickListener(e -> clear());
        clear.setVisible(false);

        search.addValueChangeListener(e -> changed(onChange));
        state.addValueChangeListener(e -> changed(onChange));
        brand.addValueChangeListener(e -> changed(onChange));
        pkg.addValueChangeListener(e -> changed(onChange));
        tag.addValueChangeListener(e -> changed(onChange));

        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("flex-wrap", "wrap");
        add(search, state, brand, pkg, tag, clear);
    }

    private void changed(Runnable onChange) {
        clear.setVisible(active());
        onChange.run();
    }

    /** The filters on top of {@code base} (which carries the sort order). */
    MachineQuery apply(MachineQuery base) {
        return base.withSearch(blankToNull(search.getValue()))
                .withState(state.getValue())
                .withBrand(brand.getValue())
                .withPackage(pkg.getValue())
                .withTag(blankToNull(tag.getValue()));
    }

    boolean active() {
        return !search.getValue().isBlank()
                || state.getValue() != null
                || brand.getValue() != null
                || pkg.getValue() != null
                || !tag.getValue().isBlank();
    }

    void clear() {
        search.clear();
        state.clear();
        brand.clear();
        pkg.clear();
        tag.clear();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
