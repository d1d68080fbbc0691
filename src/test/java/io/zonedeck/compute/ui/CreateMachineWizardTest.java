package io.zonedeck.compute.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.ui.wizard.CreateMachineWizard;
import io.zonedeck.security.Roles;
import io.zonedeck.support.As;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The create wizard: the service's problems appear on the step that owns the field. */
class CreateMachineWizardTest extends KaribuViewTest {
    static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHZ0ZXN0a2V5Zm9yemQ0MTIzNDU2Nzg5MGFiY2RlZg test@karibu";

    @Autowired
    MachineService machines;

    @Autowired
    TenantService tenants;

    @Autowired
    QuotaService quotas;

    private void openWizardAs(String user) {
        signIn(user);
        UI.getCurrent().navigate("machines");
        _click(_get(Button.class, spec -> spec.withId("create-machine")));
    }

    private static TextField text(String id) {
        return _get(TextField.class, spec -> spec.withId(id));
    }

    private static void next() {
        _click(_get(Button.class, spec -> spec.withId("wizard-next")));
    }

    private static boolean present(String id) {
        return !_find(Component.class, spec -> spec.withId(id)).isEmpty();
    }

    @Test
    void duplicate_name_is_shown_on_the_name_field_and_the_wizard_stays_on_the_first_step() {
        openWizardAs("alice");
        text("wizard-name").setValue("web-01");
        next();
        TextField name = text("wizard-name");
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("already exists");
        assertThat(present("wizard-image")).isFalse();

        name.setValue("web-01-new");
        next();
        assertThat(present("wizard-image")).isTrue();
        assertThat(present("wizard-name")).isFalse();
    }

    @Test
    void operator_must_choose_the_tenant_on_the_first_step() {
        openWizardAs("operator");
        text("wizard-name").setValue("op-made-1");
        next();
        @SuppressWarnings("unchecked")
        ComboBox<Object> tenant = _get(ComboBox.class, spec -> spec.withId("wizard-tenant"));
        assertThat(tenant.isInvalid()).isTrue();
        assertThat(tenant.getErrorMessage()).contains("tenant");
        assertThat(present("wizard-image")).isFalse();
    }

    @Test
    void address_outside_the_subnet_is_shown_on_its_ip_field_at_the_networks_step() {
        openWizardAs("alice");
        text("wizard-name").setValue("ip-check-1");
        next(); // image
        next(); // package
        next(); // networks
        TextField ip = text("wizard-ip-0");
        ip.setValue("192.168.7.7");
        next();
        ip = text("wizard-ip-0");
        assertThat(ip.isInvalid()).isTrue();
        assertThat(ip.getErrorMessage()).contains("192.168.7.7 is not in demo-public");
        assertThat(present("wizard-ssh-keys")).isFalse();

        ip.setValue("10.88.0.201");
        next();
        assertThat(present("wizard-ssh-keys")).isTrue();
    }

    @Test
    void an_address_taken_at_create_time_leads_back_to_the_networks_step() {
        String taken = As.user(
                users,
                "alice",
                () -> machines.page(MachineQuery.all(), 0, 1).get(0).ip());
        openWizardAs("alice");
        text("wizard-name").setValue("ip-taken-1");
        next();
        next();
        next();
        text("wizard-ip-0").setValue(taken);
        next(); // check() accepts any address of the subnet; only allocation knows it is taken
        next();
        assertThat(present("wizard-review")).isTrue();
        _click(_get(Button.class, spec -> spec.withId("wizard-create")));
        TextField ip = text("wizard-ip-0");
        assertThat(ip.isInvalid()).isTrue();
        assertThat(ip.getErrorMessage()).contains("already in use");
        assertThat(_find(CreateMachineWizard.class)).hasSize(1);
        assertThat(As.user(
                        users, "alice", () -> machines.count(MachineQuery.all().withSearch("ip-taken-1"))))
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void happy_path_creates_the_machine_with_its_tag_and_key_and_opens_its_page() {
        int before = As.user(users, "alice", () -> machines.count());
        openWizardAs("alice");
        text("wizard-name").setValue("wiz-happy-1");
        RadioButtonGroup<String> brand = _get(RadioButtonGroup.class, spec -> spec.withId("wizard-brand"));
        brand.setValue("lx");
        next();
        RadioButtonGroup<io.zonedeck.catalog.Image> image =
                _get(RadioButtonGroup.class, spec -> spec.withId("wizard-image"));
        assertThat(image.getValue().name()).isEqualTo("ubuntu-24.04"); // only lx images are offered
        next();
        next();
        next();
        _get(TextArea.class, spec -> spec.withId("wizard-ssh-keys")).setValue(KEY + "\n");
        CustomField<?> tags = _get(CustomField.class, spec -> spec.withId("wizard-tags"));
        _get(tags, TextField.class, spec -> spec.withClasses("kv-key")).setValue("role");
        _get(tags, TextField.class, spec -> spec.withClasses("kv-value")).setValue("web");
        next();
        Component review = _get(Component.class, spec -> spec.withId("wizard-review"));
        String impact = _get(Component.class, spec -> spec.withId("wizard-impact-table"))
                .getElement()
                .getTextRecursively();
        assertThat(review.getElement().getOuterHTML()).contains("wiz-happy-1", "role=web", "test@karibu");
        // label, in use, this machine, after, quota
        assertThat(impact).contains("Machines" + before + "+ 1" + (before + 1) + "unlimited");
        assertThat(present("wizard-quota-exceeded")).isFalse();

        _click(_get(Button.class, spec -> spec.withId("wizard-create")));

        assertThat(_find(CreateMachineWizard.class)).isEmpty();
        MachineSummary created = As.user(
                users,
                "alice",
                () -> machines.page(MachineQuery.all().withSearch("wiz-happy-1"), 0, 10)
                        .get(0));
        assertThat(created.brand()).isEqualTo("lx");
        MachineDetail detail = As.user(users, "alice", () -> machines.detail(created.id()));
        assertThat(detail.tags()).containsEntry("role", "web");
        // the pasted key and alice's saved one, which the wizard offers checked
        assertThat(detail.metadata().get("root_authorized_keys").split("\n"))
                .contains(KEY)
                .hasSize(2);
        assertThat(_find(MachineDetailView.class)).hasSize(1);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("machines/" + created.id());
        assertThat(As.user(users, "alice", () -> machines.count())).isEqualTo(before + 1);
    }

    @Test
    void a_full_quota_is_named_on_the_review_and_the_create_is_refused() {
        Tenant t = As.user(users, "operator", () -> tenants.create("wiz-full", "Full Co"));
        users.create("wiz-full-admin", "wiz-full-admin-demo", Roles.TENANT_ADMIN, t.id());
        As.user(
                users,
                "operator",
                () -> quotas.setQuota("wiz-full", new Quota(null, 256L, null, null, null, null, null, null)));
        openWizardAs("wiz-full-admin");
        text("wizard-name").setValue("too-big-1");
        next(); // image
        next(); // package
        next(); // networks
        next(); // extras
        next(); // review: the preview names the limit
        assertThat(present("wizard-review")).isTrue();
        assertThat(_get(Component.class, spec -> spec.withId("wizard-quota-exceeded"))
                        .getElement()
                        .getText())
                .startsWith("RAM quota exceeded: 0 MiB of 256 MiB in use, this needs 512 MiB more.");

        _click(_get(Button.class, spec -> spec.withId("wizard-create")));
        assertThat(_find(CreateMachineWizard.class)).hasSize(1); // still open, with the service's message
        assertThat(_get(Component.class, spec -> spec.withId("wizard-error"))
                        .getElement()
                        .getText())
                .contains("RAM quota exceeded");
        assertThat(As.user(users, "wiz-full-admin", () -> machines.count())).isZero();
    }
}
