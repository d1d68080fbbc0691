package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.Image;
import io.zonedeck.compute.NodeOffer;
import io.zonedeck.tenancy.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Step 1: name, brand (zones or hardware VMs) and, for operators, the tenant. */
class BasicsStep implements WizardStep {
    static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");

    private final TextField name = new TextField("Name");
    private final ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
    private final RadioButtonGroup<String> brand = new RadioButtonGroup<>("Brand");
    private final VerticalLayout content = new VerticalLayout();

    BasicsStep(List<Image> images, List<Tenant> tenants, Consumer<String> onBrand, Consumer<Tenant> onTenant) {
        this(images, tenants, NodeOffer.EVERYTHING, onBrand, onTenant);
    }

    BasicsStep(
            List<Image> images,
            List<Tenant> tenants,
            NodeOffer offer,
            Consumer<String> onBrand,
            Consumer<Tenant> onTenant) {
        name.setId("wizard-name");
        name.setRequired(true);
        name.setPlaceholder("e.g. web-01");
        name.setHelperText("1-64 letters, digits, '.', '_' or '-'; unique in the tenant");
        name.setMaxLength(64);
        name.setWidth("22em");

        tenant.setId("wizard-tenant");
        tenant.setItems(tenants);
        tenant.setItemLabelGenerator(t -> t.name() + " (" + t.displayName() + ")");
        tenant.setHelperText("As an operator you create on a tenant's behalf");
        tenant.setWidth("22em");
        tenant.setVisible(!tenants.isEmpty());
        tenant.addValueChangeListener(e -> onTenant.accept(e.getValue()));

        brand.setId("wizard-brand");
        brand.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        brand.setItems(BRANDS);
        brand.setItemEnabledProvider(b -> offer.runsBrand(b) && images.stream().anyMatch(i -> i.supports(b)));
        brand.setRenderer(new ComponentRenderer<Component, String>(b -> {
            Span title = new Span(b + (isHvm(b) ? " · hardware VM" : " · zone"));
            title.getStyle().set("font-weight", "600");
            long n = images.stream().filter(i -> i.supports(b)).count();
            String why =
                    !offer.runsBrand(b) ? " (" + NodeOffer.noBrand(b) + ")" : n == 0 ? " (no image available)" : "";
            Span about = new Span(describe(b) + why);
            about.getStyle()
                    .set("color", "var(--lumo-secondary-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            Div card = new Div(title, new Div(about));
            card.addClassName("brand-" + b);
            return card;
        }));
        brand.setValue(
                offer.runsBrand("joyent")
                        ? "joyent"
                        : BRANDS.stream().filter(offer::runsBrand).findFirst().orElse("joyent"));
        brand.addValueChangeListener(e -> onBrand.accept(e.getValue()));

        Paragraph explain = new Paragraph("Zones share the host's kernel: they start in seconds, have no "
                + "virtualization overhead and may burst into idle CPU up to their cap. Hardware VMs (kvm, bhyve) "
                + "boot their own kernel, so they run any OS, with a fixed number of vCPUs and some overhead.");
        explain.getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("margin", "0")
                .set("max-width", "48em");
        content.setPadding(false);
        content.add(name, tenant, brand, explain);
    }

    static boolean isHvm(String brand) {
        return "kvm".equals(brand) || "bhyve".equals(brand);
    }

    private static String describe(String brand) {
        return switch (brand) {
            case "joyent" -> "SmartOS zone: native illumos userland at bare-metal speed";
            case "joyent-minimal" -> "SmartOS zone with the fewest services: the smallest footprint";
            case "lx" -> "Linux zone: Linux binaries on the SmartOS kernel, no VM overhead";
            case "kvm" -> "KVM virtual machine: its own kernel, any OS";
            default -> "bhyve virtual machine: its own kernel, any OS, the modern hypervisor";
        };
    }

    String name() {
        return name.getValue();
    }

    String brand() {
        return brand.getValue();
    }

    Tenant tenant() {
        return tenant.getValue();
    }

    @Override
    public String title() {
        return "Basics";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> rest = new ArrayList<>();
        for (FieldProblem p : problems) {
            switch (p.field()) {
                case "name" -> mark(name, p);
                case "brand" -> {
                    brand.setErrorMessage(p.message());
                    brand.setInvalid(true);
                }
                case "tenant" -> {
                    tenant.setErrorMessage(p.message());
                    tenant.setInvalid(true);
                }
                default -> rest.add(p);
            }
        }
        return rest;
    }

    private static void mark(TextField f, FieldProblem p) {
        f.setErrorMessage(p.message());
        f.setInvalid(true);
    }

    @Override
    public void clearErrors() {
        name.setInvalid(false);
        brand.setInvalid(false);
        tenant.setInvalid(false);
    }
}
