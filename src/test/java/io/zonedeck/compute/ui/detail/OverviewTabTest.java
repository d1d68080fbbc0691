package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.MachineSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OverviewTabTest extends DetailViewTestBase {
    @Autowired
    CatalogService catalog;

    @SuppressWarnings("unchecked")
    private RadioButtonGroup<MachinePackage> packageList() {
        return _get(RadioButtonGroup.class, spec -> spec.withId("resize-package"));
    }

    private static String fact(String name) {
        return _find(Span.class).stream()
                .filter(s -> name.equals(s.getElement().getAttribute("data-fact")))
                .findFirst()
                .orElseThrow()
                .getText();
    }

    @Test
    void overview_shows_the_resources_of_the_package() {
        MachineSummary m = runningZone();
        open(m);
        assertThat(fact("package")).startsWith("g1-nano");
        assertThat(fact("cpu-shares")).isEqualTo("50");
        assertThat(fact("max-lwps")).isEqualTo("500");
        assertThat(_find(Span.class, spec -> spec.withText("vCPUs"))).isEmpty(); // zones have no vCPUs
    }

    @Test
    void resize_to_the_same_package_is_refused_on_the_package_list() {
        MachineSummary m = runningZone();
        open(m);
        click("resize-machine");
        RadioButtonGroup<MachinePackage> list = packageList();
        assertThat(list.getValue().name()).isEqualTo("g1-nano"); // the current one is preselected
        click("resize-confirm");
        assertThat(list.isInvalid()).isTrue();
        assertThat(list.getErrorMessage()).contains("already uses g1-nano");
        assertThat(machines.jobs(m.id())).extracting(j -> j.action()).doesNotContain("resize");
    }

    @Test
    void resize_beyond_the_nodes_room_is_refused_on_the_package_list() {
        MachinePackage huge = catalog.packages().stream()
                .filter(p -> p.name().equals("kt-huge"))
                .findFirst()
                .orElseGet(() -> {
                    signIn("operator"); // packages are the operator's
                    MachinePackage p = catalog.createPackage("kt-huge", 64L * 1024 * 1024, 100, 1, 100, 100, 100, 1000);
                    signIn("alice");
                    return p;
                });
        MachineSummary m = runningZone();
        open(m);
        click("resize-machine");
        RadioButtonGroup<MachinePackage> list = packageList();
        list.setValue(list.getListDataView()
                .getItems()
                .filter(p -> p.id().equals(huge.id()))
                .findFirst()
                .orElseThrow());
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("resize-difference"))
                        .getText())
                .contains("RAM 512 MiB → 65536 GiB");
        click("resize-confirm");
        assertThat(list.isInvalid()).isTrue();
        assertThat(list.getErrorMessage()).contains("MiB free").contains("not moved between nodes");
        assertThat(_find(ResizeDialog.class)).hasSize(1); // stays open with the error
    }

    @Test
    void a_hardware_vm_is_warned_that_it_restarts() {
        MachineSummary vm = runningMachine("bhyve", "ubuntu-24.04-kvm", "g1-small");
        open(vm);
        assertThat(fact("vcpus")).isEqualTo("1");
        click("resize-machine");
        assertThat(_get(Paragraph.class, spec -> spec.withId("resize-note")).getText())
                .contains("hardware VM")
                .contains("restarts");
    }

    @Test
    void rename_to_a_taken_name_is_refused_on_the_field() {
        MachineSummary m = runningZone();
        MachineSummary other = runningZone();
        open(m);
        click("rename-machine");
        TextField name = _get(TextField.class, spec -> spec.withId("rename-name"));
        name.setValue(other.name());
        click("rename-confirm");
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("already exists");
    }

    @Test
    void resize_runs_a_job_and_the_overview_shows_the_new_package() {
        MachineSummary m = runningZone();
        open(m);
        click("resize-machine");
        RadioButtonGroup<MachinePackage> list = packageList();
        list.setValue(list.getListDataView()
                .getItems()
                .filter(p -> p.name().equals("g1-small"))
                .findFirst()
                .orElseThrow());
        click("resize-confirm");
        assertThat(_find(ResizeDialog.class)).isEmpty();
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(() -> fact("package").startsWith("g1-small"), "new package on the overview");
        assertThat(fact("cpu-shares")).isEqualTo("100");
    }
}
