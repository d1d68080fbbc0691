package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.formlayout.FormLayout.ResponsiveStep;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineThrottles;
import io.zonedeck.compute.MachineThrottles.Throttle;
import io.zonedeck.compute.ThrottleRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every live throttle of a machine as a field (vmadm name, package default and the caller's range as helper text,
 * an "override" badge where the machine differs from its package). Save sends only what changed, as one job;
 * refusals show on the fields they name. Read-only for tenant users. A throttle the machine's node does not enforce
 * is disabled, its helper text saying so ("Not enforced on node cn-9 (linux driver)").
 */
public class ThrottleForm extends Div {
    private static final long MIB = 1024 * 1024;

    /** How a throttle is shown: label, unit, and the factor from the field's unit to vmadm's. */
    private record Spec(String property, String label, String unit, long scale, String none) {}

    private static final List<Spec> SPECS = List.of(
            new Spec(MachineThrottles.CPU_CAP, "CPU cap (% of one CPU)", " %", 1, "0 = no cap"),
            new Spec(MachineThrottles.CPU_SHARES, "CPU shares (weight)", "", 1, null),
            new Spec(MachineThrottles.CPU_BASELINE, "CPU baseline (% of one CPU)", " %", 1, "0 = no baseline"),
            new Spec(MachineThrottles.CPU_BURST_SECONDS, "Burst above the baseline (seconds)", " s", 1, null),
            new Spec(MachineThrottles.ZFS_IO_PRIORITY, "Disk I/O priority (weight)", "", 1, null),
            new Spec(MachineThrottles.DISK_BPS_MAX, "Disk bandwidth limit (MiB/s)", " MiB/s", MIB, "0 = unlimited"),
            new Spec(MachineThrottles.DISK_IOPS_MAX, "Disk operations limit (ops/s)", " ops/s", 1, "0 = unlimited"),
            new Spec(MachineThrottles.MAX_PHYSICAL_MEMORY, "Memory (MiB)", " MiB", 1, null),
            new Spec(MachineThrottles.MAX_LWPS, "Threads (max_lwps)", "", 1, null));

    private final Map<String, IntegerField> fields = new LinkedHashMap<>();
    private final Map<String, Span> badges = new LinkedHashMap<>();
    private final Button save = new Button("Save throttles");
    private final Button defaults = new Button("Use package defaults");
    private final Paragraph readOnly = new Paragraph();
    private final Function<ThrottleRequest, JobInfo> onSave;
    private MachineThrottles shown;

    public ThrottleForm(Function<ThrottleRequest, JobInfo> onSave) {
        this.onSave = onSave;
        setId("throttle-form");
        addClassName("zd-card");
        H3 title = new H3("Throttles");
        title.getStyle().set("margin-top", "0");
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(
                new ResponsiveStep("0", 1), new ResponsiveStep("520px", 2), new ResponsiveStep("900px", 3));
        for (Spec s : SPECS) {
            IntegerField f = new IntegerField(s.label());
            f.setId("throttle-" + s.property());
            f.setManualValidation(true);
            f.setStepButtonsVisible(false);
            f.addValueChangeListener(e -> f.setInvalid(false));
            Span badge = new Span("override");
            badge.setId("override-" + s.property());
            badge.addClassName("zd-badge");
            badge.getStyle()
                    .set("background", "#fff2cc")
                    .set("color", "#7a5400")
                    .set("font-size", "var(--lumo-font-size-xxs)");
            badge.setVisible(false);
            f.setSuffixComponent(badge);
            fields.put(s.property(), f);
            badges.put(s.property(), badge);
            form.add(f);
        }
        save.setId("throttles-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        defaults.setId("throttles-defaults");
        defaults.addClickListener(e -> usePackageDefaults());
        readOnly.setId("throttles-readonly");
        readOnly.setText("Only tenant admins and operators may change throttles.");
        readOnly.getStyle().set("color", "var(--lumo-secondary-text-color)");
        readOnly.setVisible(false);
        add(title, form, new HorizontalLayout(save, defaults), readOnly);
    }

    /** Shows the throttles; the fields are refilled only when the machine's throttles changed (no edit is lost). */
    public void show(MachineThrottles t, boolean busy) {
        boolean refill = !t.equals(shown);
        shown = t;
        for (Spec s : SPECS) {
            Throttle th = t.get(s.property());
            IntegerField f = fields.get(s.property());
            if (refill) {
                f.setValue(display(th.value(), s));
                f.setInvalid(false);
            }
            f.setHelperText(th.enforced() ? helper(s, th, t) : th.notEnforced().replace(s.property() + " is n", "N"));
            f.setReadOnly(!t.mayChange());
            f.setEnabled(th.enforced());
            f.getElement().setAttribute("data-enforced", String.valueOf(th.enforced()));
            badges.get(s.property()).setVisible(th.overridden());
            badges.get(s.property()).getElement().setAttribute("title", "package: " + withUnit(th.packageDefault(), s));
        }
        save.setVisible(t.mayChange());
        defaults.setVisible(t.mayChange());
        save.setEnabled(!busy);
        defaults.setEnabled(!busy);
        readOnly.setVisible(!t.mayChange());
    }

    /** The field of a throttle, by vmadm name. */
    public IntegerField field(String property) {
        return fields.get(property);
    }

    public boolean overridden(String property) {
        return badges.get(property).isVisible();
    }

    private void usePackageDefaults() {
        if (shown == null) {
            return;
        }
        for (Spec s : SPECS) {
            if (shown.get(s.property()).enforced()) {
                fields.get(s.property())
                        .setValue(display(shown.get(s.property()).packageDefault(), s));
            }
        }
    }

    private void save() {
        if (shown == null) {
            return;
        }
        Map<String, Long> changed = new LinkedHashMap<>();
        boolean incomplete = false;
        for (Spec s : SPECS) {
            IntegerField f = fields.get(s.property());
            if (f.getValue() == null) {
                f.setErrorMessage("Enter a whole number" + (s.none() == null ? "" : " (" + s.none() + ")"));
                f.setInvalid(true);
                incomplete = true;
                continue;
            }
            long current = shown.get(s.property()).value();
            if (!shown.get(s.property()).enforced()) {
                continue; // disabled: the node does not enforce it
            }
            if (f.getValue() != display(current, s)) {
                changed.put(s.property(), f.getValue() * s.scale());
            }
        }
        if (incomplete) {
            return;
        }
        if (changed.isEmpty()) {
            Notification.show(
                    "Nothing to save: these are the machine's throttles already.", 3000, Notification.Position.MIDDLE);
            return;
        }
        Optional<JobInfo> job = Attempt.run("Throttles", fields, () -> onSave.apply(ThrottleRequest.of(changed)));
        job.ifPresent(j -> Notification.show(
                "Applying throttles live: " + String.join(", ", changed.keySet()),
                3000,
                Notification.Position.BOTTOM_START));
    }

    private static int display(long value, Spec s) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round((double) value / s.scale()));
    }

    private static String withUnit(long value, Spec s) {
        if (value == 0 && s.none() != null) {
            return "none";
        }
        return display(value, s) + s.unit();
    }

    private static String helper(Spec s, Throttle th, MachineThrottles t) {
        StringBuilder b = new StringBuilder(s.property());
        b.append(" · package")
                .append(t.packageName() == null ? "" : " " + t.packageName())
                .append(": ");
        b.append(withUnit(th.packageDefault(), s));
        if (t.mayChange() && t.boundedByPackage() && th.max() == th.packageDefault() && th.max() > 0) {
            b.append(" · you may set ").append(display(th.min(), s)).append("–").append(display(th.max(), s));
        }
        if (s.none() != null) {
            b.append(" · ").append(s.none());
        }
        if (s.scale() > 1 && th.value() % s.scale() != 0) {
            b.append(" · now ").append(th.value()).append(" bytes/s");
        }
        return b.toString();
    }
}
