package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** Operator: every image, disabled ones included, with the machines using each. */
@Route("images")
@PageTitle("Images · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class ImagesView extends VerticalLayout {
    private final Grid<Image> grid = new Grid<>();
    private final CatalogService catalog;

    public ImagesView(CatalogService catalog) {
        this.catalog = catalog;
        addClassName("zd-page");
        setSizeFull();
        Button create = new Button(
                "Create image",
                VaadinIcon.PLUS.create(),
                e -> new ImageDialog(catalog::createImage, i -> {
                            RowActions.done("Image " + i.label() + " created");
                            refresh();
                        })
                        .open());
        create.setId("create-image");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Images"), create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        grid.setId("images-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Image::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(Image::version).setHeader("Version").setKey("version").setAutoWidth(true);
        grid.addColumn(Image::os).setHeader("OS").setKey("os").setAutoWidth(true);
        grid.addColumn(i -> String.join(", ", i.brands()))
                .setHeader("Brands")
                .setKey("brands")
                .setAutoWidth(true);
        grid.addColumn(i -> i.sizeMiB() + " MiB")
                .setHeader("Size")
                .setKey("size")
                .setAutoWidth(true);
        grid.addComponentColumn(i -> new StateBadge(i.state()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addColumn(i -> catalog.machinesUsingImage(i.id()))
                .setHeader("Machines")
                .setKey("machines")
                .setAutoWidth(true);
        RowActions.column(grid, this::actions);
        grid.setSizeFull();
        add(header, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private Component actions(Image i) {
        String id = i.name() + "-" + i.version();
        Button toggle = "active".equals(i.state())
                ? RowActions.button("disable-" + id, "Disable", () -> {
                    catalog.disableImage(i.id());
                    RowActions.done("Image " + i.label() + " disabled");
                    refresh();
                })
                : RowActions.button("enable-" + id, "Enable", () -> {
                    catalog.enableImage(i.id());
                    RowActions.done("Image " + i.label() + " enabled");
                    refresh();
                });
        Button delete = RowActions.delete(
                "delete-" + id, "image " + i.label(), () -> catalog.deleteImage(i.id()), this::refresh);
        return new HorizontalLayout(toggle, delete);
    }

    private void refresh() {
        grid.setItems(catalog.allImages());
    }
}
