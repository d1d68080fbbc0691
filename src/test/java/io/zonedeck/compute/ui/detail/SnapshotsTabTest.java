package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.SnapshotSummary;
import org.junit.jupiter.api.Test;

class SnapshotsTabTest extends DetailViewTestBase {

    private void take(String name) {
        liveUntil(
                () -> _get(Button.class, spec -> spec.withId("take-snapshot")).isEnabled(),
                "the page to see that no job runs");
        click("take-snapshot");
        _get(TextField.class, spec -> spec.withId("snapshot-name")).setValue(name);
        click("snapshot-confirm");
    }

    @Test
    void kvm_shows_why_there_are_no_snapshots() {
        MachineSummary vm = runningMachine("kvm", "ubuntu-24.04-kvm", "g1-small");
        open(vm);
        selectTab("tab-snapshots");
        assertThat(_get(Paragraph.class, spec -> spec.withId("snapshots-unsupported"))
                        .getText())
                .isEqualTo("kvm VMs have no snapshots on SmartOS; bhyve and zones do.");
        assertThat(_find(Button.class, spec -> spec.withId("take-snapshot"))).isEmpty();
    }

    @Test
    void an_invalid_snapshot_name_is_refused_on_the_field() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-snapshots");
        take("not allowed!");
        TextField name = _get(TextField.class, spec -> spec.withId("snapshot-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("snapshot name");
    }

    @Test
    void a_duplicate_snapshot_name_is_refused_on_the_field() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-snapshots");
        take("before-upgrade");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(() -> rows("snapshots-grid").size() == 1, "the snapshot in the grid");
        take("before-upgrade");
        TextField name = _get(TextField.class, spec -> spec.withId("snapshot-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("already exists");
    }

    @Test
    void rollback_names_the_newer_snapshots_it_destroys_and_leaves_only_the_older() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-snapshots");
        take("one");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        take("two");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(() -> rows("snapshots-grid").size() == 2, "two snapshots in the grid");
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("snapshots-grid"));
        Button rollback = _find(GridKt._getCellComponent(grid, 0, "actions"), Button.class)
                .get(0);
        assertThat(rollback.getElement().getAttribute("data-snapshot")).isEqualTo("one");
        rollback.click();
        assertThat(_find(ListItem.class))
                .extracting(ListItem::getText)
                .singleElement()
                .satisfies(t -> assertThat(t).startsWith("two"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("rollback-restart"))
                        .getText())
                .contains("is running");
        click("rollback-confirm");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(
                () -> rows("snapshots-grid").stream()
                        .map(s -> ((SnapshotSummary) s).name())
                        .toList()
                        .equals(java.util.List.of("one")),
                "only the first snapshot left");
    }
}
