package io.zonedeck.compute.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The machines grid's filters and sorting, all applied by the service. */
class MachineFiltersTest extends KaribuViewTest {
    static boolean seeded;
    static UUID zoneId;

    @Autowired
    MachineService machines;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        As.user(users, "alice", () -> {
            zoneId = create("flt-zone-1", "joyent", "base-64-lts", "g1-nano", Map.of("team", "blue"));
            create("flt-linux-1", "lx", "ubuntu-24.04", "g1-nano", Map.of("team", "red"));
            create("flt-vm-1", "kvm", "ubuntu-24.04-kvm", "g1-small", Map.of());
            Eventually.until(
                    Duration.ofSeconds(30),
                    () -> flt().stream().map(MachineSummary::state).toList(),
                    s -> s.size() == 3 && s.stream().allMatch("running"::equals),
                    "the three machines to run");
            UUID linux = flt().stream()
                    .filter(m -> m.name().equals("flt-linux-1"))
                    .findFirst()
                    .orElseThrow()
                    .id();
            machines.stop(linux);
            Eventually.until(
                    Duration.ofSeconds(30),
                    () -> machines.get(linux).state(),
                    "stopped"::equals,
                    "flt-linux-1 to stop");
            return null;
        });
        seeded = true;
    }

    private UUID create(String name, String brand, String image, String pkg, Map<String, String> tags) {
        return machines.create(
                        new CreateMachineRequest(null, name, brand, image, pkg, null, null, tags, null, null, null))
                .machine()
                .id();
    }

    private List<MachineSummary> flt() {
        return machines.page(MachineQuery.all().withSearch("flt-"), 0, 100);
    }

    private static List<String> names() {
        return KaribuViewTest.<MachineSummary>rows("machines-grid").stream()
                .map(MachineSummary::name)
                .toList();
    }

    private static TextField search() {
        return _get(TextField.class, spec -> spec.withId("machines-search"));
    }

    @SuppressWarnings("unchecked")
    private static Select<String> select(String id) {
        return _get(Select.class, spec -> spec.withId(id));
    }

    private void openAsAlice() {
        signIn("alice");
        UI.getCurrent().navigate("machines");
    }

    @Test
    void search_matches_name_parts_ip_and_uuid() {
        String ip = As.user(users, "alice", () -> machines.get(zoneId).ip());
        openAsAlice();
        assertThat(names()).contains("web-01").doesNotContain("shop-01"); // alice's, not bob's
        search().setValue("flt-");
        assertThat(names()).containsExactlyInAnyOrder("flt-zone-1", "flt-linux-1", "flt-vm-1");
        search().setValue("flt-zone");
        assertThat(names()).containsExactly("flt-zone-1");
        search().setValue(zoneId.toString());
        assertThat(names()).containsExactly("flt-zone-1");
        search().setValue(ip);
        assertThat(names()).containsExactly("flt-zone-1");
    }

    @Test
    void state_brand_package_and_tag_filters_narrow_the_rows() {
        openAsAlice();
        search().setValue("flt-");
        select("filter-state").setValue("stopped");
        assertThat(names()).containsExactly("flt-linux-1");
        select("filter-state").setValue("running");
        assertThat(names()).containsExactlyInAnyOrder("flt-zone-1", "flt-vm-1");
        select("filter-state").clear();

        select("filter-brand").setValue("kvm");
        assertThat(names()).containsExactly("flt-vm-1");
        select("filter-brand").clear();

        @SuppressWarnings("unchecked")
        ComboBox<String> pkg = _get(ComboBox.class, spec -> spec.withId("filter-package"));
        pkg.setValue("g1-nano");
        assertThat(names()).containsExactlyInAnyOrder("flt-zone-1", "flt-linux-1");
        pkg.clear();

        TextField tag = _get(TextField.class, spec -> spec.withId("filter-tag"));
        tag.setValue("team=blue");
        assertThat(names()).containsExactly("flt-zone-1");
        tag.setValue("team");
        assertThat(names()).containsExactlyInAnyOrder("flt-zone-1", "flt-linux-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sorting_by_a_column_is_done_by_the_service() {
        openAsAlice();
        search().setValue("flt-");
        Grid<MachineSummary> grid = _get(Grid.class, spec -> spec.withId("machines-grid"));
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("name"), SortDirection.ASCENDING)));
        assertThat(names()).containsExactly("flt-linux-1", "flt-vm-1", "flt-zone-1");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("name"), SortDirection.DESCENDING)));
        assertThat(names()).containsExactly("flt-zone-1", "flt-vm-1", "flt-linux-1");
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("state"), SortDirection.DESCENDING)));
        assertThat(names()).first().isEqualTo("flt-linux-1"); // "stopped" after "running"
    }

    @Test
    void filters_matching_nothing_offer_to_clear_them() {
        openAsAlice();
        assertThat(_find(Div.class, spec -> spec.withId("machines-no-match"))).isEmpty();
        search().setValue("no-such-machine-anywhere");
        assertThat(names()).isEmpty();
        assertThat(_find(Div.class, spec -> spec.withId("machines-no-match"))).hasSize(1);
        assertThat(_find(Div.class, spec -> spec.withId("machines-empty"))).isEmpty();
        _click(_get(Button.class, spec -> spec.withId("empty-clear-filters")));
        assertThat(search().getValue()).isEmpty();
        assertThat(names()).contains("flt-zone-1", "web-01");
    }
}
