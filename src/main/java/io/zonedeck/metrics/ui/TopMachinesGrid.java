package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.MetricsService;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;

/** The machines highest in one metric, each linking to its machine page; a click on a row selects the machine. */
class TopMachinesGrid extends Grid<MetricsService.Ranked> {
    private List<MetricsService.Ranked> rows = List.of();

    TopMachinesGrid(String id, String valueHeader, DoubleFunction<String> format, Consumer<MachineRef> onSelect) {
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addComponentColumn(r -> link(r.machine()))
                .setHeader("Machine")
                .setKey("machine")
                .setFlexGrow(2);
        addColumn(r -> r.machine().tenantName())
                .setHeader("Tenant")
                .setKey("tenant")
                .setFlexGrow(1);
        addColumn(r -> r.machine().nodeName()).setHeader("Node").setKey("node").setFlexGrow(1);
        addColumn(r -> format.apply(r.value()))
                .setHeader(valueHeader)
                .setKey("value")
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END)
                .setFlexGrow(1);
        addItemClickListener(e -> onSelect.accept(e.getItem().machine()));
        setEmptyStateText("No samples yet");
    }

    void show(List<MetricsService.Ranked> ranked) {
        if (ranked.equals(rows)) {
            return;
        }
        rows = List.copyOf(ranked);
        setItems(rows);
    }

    List<MetricsService.Ranked> rows() {
        return rows;
    }

    /** A router link to the machine's page ("machines/{id}", owned by compute: linked by path, not by class). */
    static Anchor link(MachineRef m) {
        Anchor a = new Anchor("machines/" + m.id(), m.name());
        a.getElement().setAttribute("router-link", true);
        return a;
    }
}
