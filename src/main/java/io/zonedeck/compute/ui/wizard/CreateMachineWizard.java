package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachineFootprint;
import io.zonedeck.network.Network;
import io.zonedeck.tenancy.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates a machine in six steps (basics, image, package, networks, keys and tags, review). "Next" asks the
 * service to check the request so far and keeps the user on the step while its fields have problems; a
 * refusal at "Create" leads back to the first step with an error. Hands the accepted machine to the callback.
 */
public class CreateMachineWizard extends Dialog {
    private static final int REVIEW = 5;

    private final WizardBackend backend;
    private final Consumer<Accepted> onCreated;
    private final UUID clientId = UUID.randomUUID();
    private final BasicsStep basics;
    private final ImageStep image;
    private final PackageStep pkg;
    private final NetworksStep networks = new NetworksStep();
    private final ExtrasStep extras = new ExtrasStep();
    private final ReviewStep review = new ReviewStep();
    private final List<WizardStep> steps;
    private final HorizontalLayout indicator = new HorizontalLayout();
    private final Div body = new Div();
    private final Paragraph error = new Paragraph();
    private final Button back = new Button("Back", VaadinIcon.ARROW_LEFT.create());
    private final Button next = new Button("Next", VaadinIcon.ARROW_RIGHT.create());
    private final Button create = new Button("Create machine");
    private int current = -1;

    public CreateMachineWizard(WizardBackend backend, Consumer<Accepted> onCreated) {
        this.backend = backend;
        this.onCreated = onCreated;
        image = new ImageStep(backend.images(), backend.offer());
        pkg = new PackageStep(backend.packages());
        basics = new BasicsStep(
                backend.images(),
                backend.tenants(),
                backend.offer(),
                b -> {
                    image.setBrand(b);
                    pkg.setBrand(b);
                },
                t -> networks.setNetworks(backend.networks().apply(t == null ? null : t.id())));
        steps = List.of(basics, image, pkg, networks, extras, review);
        extras.offer(backend.savedKeys());
        image.setBrand(basics.brand());
        pkg.setBrand(basics.brand());
        networks.setNetworks(backend.networks().apply(null));

        setId("create-machine-dialog");
        setHeaderTitle("Create machine");
        setWidth("min(920px, 96vw)");
        setHeight("min(760px, 94vh)");
        setCloseOnOutsideClick(false);
        setDraggable(true);

        indicator.setId("wizard-steps");
        indicator.setSpacing(false);
        indicator.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        getHeader().add(indicator);

        error.setId("wizard-error");
        error.addClassName("zd-error");
        error.setVisible(false);
        body.setWidthFull();
        add(body, error);

        back.setId("wizard-back");
        back.addClickListener(e -> go(current - 1));
        next.setId("wizard-next");
        next.setIconAfterText(true);
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> next());
        create.setId("wizard-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        create.setDisableOnClick(true);
        create.addClickListener(e -> create());
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("wizard-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancel.getStyle().set("margin-right", "auto");
        getFooter().add(cancel, back, next, create);
        go(0);
    }

    private void go(int step) {
        current = Math.max(0, Math.min(REVIEW, step));
        body.removeAll();
        body.add(steps.get(current).content());
        back.setEnabled(current > 0);
        next.setVisible(current < REVIEW);
        create.setVisible(current == REVIEW);
        create.setEnabled(true);
        if (current == REVIEW) {
            renderReview();
        }
        renderIndicator();
    }

    private void renderIndicator() {
        indicator.removeAll();
        for (int i = 0; i < steps.size(); i++) {
            int target = i;
            Span s =
                    new Span((i < current ? "✓ " : (i + 1) + " ") + steps.get(i).title());
            s.setId("wizard-step-" + i);
            s.getElement().setAttribute("data-current", String.valueOf(i == current));
            s.getStyle()
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("font-size", "var(--lumo-font-size-s)")
                    .set("white-space", "nowrap");
            if (i == current) {
                s.getStyle()
                        .set("background", "var(--lumo-primary-color-10pct)")
                        .set("color", "var(--lumo-primary-text-color)")
                        .set("font-weight", "600");
            } else if (i < current) {
                s.getStyle().set("color", "var(--lumo-body-text-color)").set("cursor", "pointer");
                s.addClickListener(e -> go(target));
            } else {
                s.getStyle().set("color", "var(--lumo-secondary-text-color)");
            }
            indicator.add(s);
        }
    }

    private void next() {
        clearErrors(current);
        List<FieldProblem> problems;
        try {
            problems = backend.check().apply(request());
        } catch (ZoneDeckException ex) {
            showGeneral(List.of(ex.getMessage()));
            return;
        }
        List<FieldProblem> upToHere = problems.stream()
                .filter(p -> WizardStep.stepOf(p.field()) <= current)
                .toList();
        if (!upToHere.isEmpty()) {
            show(upToHere);
            return;
        }
        go(current + 1);
    }

    private void create() {
        clearErrors(REVIEW);
        try {
            Accepted accepted = backend.create().apply(request());
            close();
            onCreated.accept(accepted);
        } catch (ZoneDeckException ex) {
            create.setEnabled(true);
            if (ex.errors().isEmpty()) {
                showGeneral(List.of(ex.getMessage()));
            } else {
                show(ex.errors());
            }
        }
    }

    /** Puts each problem on its step's field, goes to the first step with a problem; the rest below the form. */
    private void show(List<FieldProblem> problems) {
        int first = problems.stream()
                .mapToInt(p -> WizardStep.stepOf(p.field()))
                .min()
                .orElse(current);
        if (first != current) {
            go(first);
        }
        Map<Integer, List<FieldProblem>> byStep =
                problems.stream().collect(Collectors.groupingBy(p -> WizardStep.stepOf(p.field())));
        List<String> unplaced = new ArrayList<>();
        byStep.forEach((step, list) -> steps.get(step).show(list).forEach(p -> unplaced.add(p.message())));
        showGeneral(unplaced);
    }

    private void showGeneral(List<String> messages) {
        error.setText(String.join(" ", messages));
        error.setVisible(!messages.isEmpty());
    }

    private void clearErrors(int upTo) {
        for (int i = 0; i <= upTo && i < steps.size(); i++) {
            steps.get(i).clearErrors();
        }
        error.setVisible(false);
    }

    /** The request as far as the user has filled it in. */
    CreateMachineRequest request() {
        Image i = image.image();
        MachinePackage p = pkg.pkg();
        Tenant t = basics.tenant();
        return new CreateMachineRequest(
                clientId,
                basics.name(),
                basics.brand(),
                i == null ? null : i.id().toString(),
                p == null ? null : p.id().toString(),
                t == null ? null : t.id().toString(),
                networks.nics(),
                extras.tags(),
                extras.metadata(),
                extras.sshKeys(),
                extras.affinity());
    }

    private void renderReview() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("Name", basics.name().trim());
        if (backend.operator()) {
            choices.put(
                    "Tenant", basics.tenant() == null ? "—" : basics.tenant().name());
        }
        choices.put("Brand", basics.brand() + (BasicsStep.isHvm(basics.brand()) ? " (hardware VM)" : " (zone)"));
        Image i = image.image();
        choices.put("Image", i == null ? "—" : i.label() + " · " + i.os());
        MachinePackage p = pkg.pkg();
        choices.put("Package", p == null ? "—" : p.label());
        choices.put("Networks", String.join("\n", networks.describe()));
        List<String> keys = extras.sshKeys();
        choices.put(
                "SSH keys",
                keys.isEmpty()
                        ? "none"
                        : keys.stream().map(CreateMachineWizard::keyLabel).collect(Collectors.joining("\n")));
        choices.put("Tags", entries(extras.tags()));
        choices.put(
                "Metadata",
                extras.metadata().isEmpty()
                        ? "none"
                        : String.join(", ", extras.metadata().keySet()));
        choices.put("Affinity", extras.affinity().isEmpty() ? "none" : String.join("\n", extras.affinity()));
        WizardBackend.Usage usage;
        try {
            usage = backend.usage()
                    .apply(basics.tenant() == null ? null : basics.tenant().id());
        } catch (ZoneDeckException ex) {
            usage = null;
        }
        List<Network> nets = networks.chosen();
        review.render(
                choices,
                p == null
                        ? null
                        : MachineFootprint.of(p, basics.brand() == null ? "" : basics.brand(), nets.size(), (int)
                                nets.stream().filter(Network::isPublic).count()),
                usage);
    }

    /** "ssh-ed25519 … you@host": the type and the comment, never the whole key. */
    private static String keyLabel(String key) {
        String[] parts = key.trim().split("\\s+", 3);
        return parts[0] + " …" + (parts.length == 3 ? " " + parts[2] : "");
    }

    private static String entries(Map<String, String> map) {
        return map.isEmpty()
                ? "none"
                : map.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
