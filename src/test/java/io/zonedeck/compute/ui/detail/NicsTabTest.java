package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.NicInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicsTabTest extends DetailViewTestBase {

    @Test
    void the_grid_lists_the_primary_nic_and_its_remove_is_disabled() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-nics");
        List<NicInfo> nics = rows("nics-grid");
        assertThat(nics).singleElement().satisfies(n -> {
            assertThat(n.primary()).isTrue();
            assertThat(n.networkName()).isEqualTo("demo-public");
            assertThat(n.ip()).isEqualTo(m.ip());
        });
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("nics-grid"));
        Button remove = _find(GridKt._getCellComponent(grid, 0, "actions"), Button.class)
                .get(0);
        assertThat(remove.isEnabled()).isFalse();
        assertThat(remove.getElement().getAttribute("title")).contains("primary NIC");
    }

    @Test
    void an_ip_outside_the_subnet_is_refused_on_the_ip_field() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-nics");
        click("add-nic");
        Select<?> network = _get(Select.class, spec -> spec.withId("nic-network"));
        assertThat(network.getValue()).isNotNull();
        TextField ip = _get(TextField.class, spec -> spec.withId("nic-ip"));
        ip.setValue("192.168.77.5");
        click("nic-confirm");
        assertThat(ip.isInvalid()).isTrue();
        assertThat(ip.getErrorMessage()).contains("is not an address of network demo-public");
        assertThat(network.isInvalid()).isFalse();
        assertThat(_find(AddNicDialog.class)).hasSize(1);
        assertThat(machines.jobs(m.id())).extracting(j -> j.action()).doesNotContain("add-nic");
    }

    @Test
    void an_added_nic_appears_in_the_grid_with_the_chosen_address() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-nics");
        click("add-nic");
        _get(TextField.class, spec -> spec.withId("nic-ip")).setValue("10.88.0.249");
        click("nic-confirm");
        assertThat(_find(AddNicDialog.class)).isEmpty();
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(
                () -> rows("nics-grid").stream()
                        .map(n -> (NicInfo) n)
                        .anyMatch(n -> n.ip().equals("10.88.0.249") && n.state().equals("attached")),
                "the new NIC attached in the grid");
    }
}
