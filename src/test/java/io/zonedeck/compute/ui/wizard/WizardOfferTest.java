package io.zonedeck.compute.ui.wizard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.NodeOffer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The create wizard offers only what an online node runs: the rest is disabled, saying why. */
class WizardOfferTest {
    final Image base =
            new Image(UUID.randomUUID(), "base-64-lts", "24.4.0", "smartos", List.of("joyent"), 300, "active");
    final Image burner = new Image(UUID.randomUUID(), "cpu-burner", "1.0", "linux", List.of("joyent"), 10, "active");
    final Image ubuntu =
            new Image(UUID.randomUUID(), "ubuntu-24.04-kvm", "1.0", "linux", List.of("kvm"), 900, "active");
    /** One linux node: zone brands, its own workload image only. */
    final NodeOffer linuxOnly = new NodeOffer(List.of(new NodeCapabilities(
            List.of("joyent", "joyent-minimal", "lx"),
            Set.of("cpu_cap"),
            Set.of("cpu"),
            Set.of(),
            true,
            false,
            List.of(burner.id().toString()))));

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @SuppressWarnings("unchecked")
    private static RadioButtonGroup<String> brands() {
        return _get(RadioButtonGroup.class, spec -> spec.withId("wizard-brand"));
    }

    @SuppressWarnings("unchecked")
    private static RadioButtonGroup<Image> images() {
        return _get(RadioButtonGroup.class, spec -> spec.withId("wizard-image"));
    }

    private void open(NodeOffer offer) {
        new CreateMachineWizard(
                        new WizardBackend(
                                List.of(base, burner, ubuntu),
                                List.of(new MachinePackage(UUID.randomUUID(), "g1-nano", 512, 10, 1, 25, 50, 50, 500)),
                                List.of(),
                                t -> List.of(),
                                r -> List.of(),
                                r -> null,
                                t -> null,
                                List.of(),
                                offer),
                        a -> {})
                .open();
    }

    /** From the basics step to the image step. */
    private static void next() {
        _get(TextField.class, spec -> spec.withId("wizard-name")).setValue("web-1");
        _click(_get(Button.class, spec -> spec.withId("wizard-next")));
    }

    @Test
    void a_brand_no_online_node_runs_is_disabled_and_an_image_no_node_runs_is_disabled_too() {
        open(linuxOnly);
        assertThat(brands().getItemEnabledProvider().test("kvm")).isFalse();
        assertThat(brands().getItemEnabledProvider().test("joyent")).isTrue();
        assertThat(brands().getValue()).isEqualTo("joyent");
        next();
        assertThat(images().getItemEnabledProvider().test(burner)).isTrue();
        assertThat(images().getItemEnabledProvider().test(base)).isFalse();
        assertThat(images().getValue()).as("the first image a node runs").isEqualTo(burner);
        assertThat(NodeOffer.noBrand("kvm")).isEqualTo("no online node runs brand kvm");
    }

    @Test
    void without_restrictions_everything_is_offered() {
        open(NodeOffer.EVERYTHING);
        assertThat(brands().getItemEnabledProvider().test("kvm")).isTrue();
        next();
        assertThat(images().getItemEnabledProvider().test(base)).isTrue();
        assertThat(images().getValue()).isEqualTo(base);
    }
}
