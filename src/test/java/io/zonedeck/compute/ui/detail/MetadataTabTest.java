package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.MachineSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTabTest extends DetailViewTestBase {

    private static KeyValueEditor tags() {
        return _get(KeyValueEditor.class, spec -> spec.withId("tags-editor"));
    }

    private static boolean hasRow(KeyValueEditor editor, String key, String value) {
        return editor.rows().stream().anyMatch(r -> r[0].equals(key) && r[1].equals(value));
    }

    @Test
    void saving_tags_starts_a_job_and_the_tag_shows_after_it_succeeded() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-metadata");
        _get(TextField.class, spec -> spec.withId("tags-editor-key-0")).setValue("role");
        _get(TextField.class, spec -> spec.withId("tags-editor-value-0")).setValue("web");
        click("save-tags");
        assertThat(machines.jobs(m.id()).get(0).action()).isEqualTo("update-tags");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(
                () -> hasRow(tags(), "role", "web")
                        && machines.detail(m.id()).tags().equals(Map.of("role", "web")),
                "the tag on the machine and in the editor");
        liveUntil(
                () -> _get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("tags-editor-status"))
                        .getText()
                        .equals("Saved"),
                "the editor says saved");
    }

    @Test
    void an_invalid_tag_key_is_refused_on_its_row() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-metadata");
        TextField key = _get(TextField.class, spec -> spec.withId("tags-editor-key-0"));
        key.setValue("has space");
        _get(TextField.class, spec -> spec.withId("tags-editor-value-0")).setValue("x");
        click("save-tags");
        assertThat(key.isInvalid()).isTrue();
        assertThat(key.getErrorMessage()).contains("must be 1-128 letters");
        assertThat(machines.jobs(m.id())).extracting(j -> j.action()).doesNotContain("update-tags");
    }

    @Test
    void metadata_is_edited_separately_from_tags() {
        MachineSummary m = runningZone();
        open(m);
        selectTab("tab-metadata");
        _get(TextField.class, spec -> spec.withId("metadata-editor-key-0")).setValue("user-script");
        _get(TextField.class, spec -> spec.withId("metadata-editor-value-0")).setValue("echo hi");
        click("save-metadata");
        assertThat(machines.jobs(m.id()).get(0).action()).isEqualTo("update-metadata");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(
                () -> machines.detail(m.id()).metadata().get("user-script") != null
                        && hasRow(
                                _get(KeyValueEditor.class, spec -> spec.withId("metadata-editor")),
                                "user-script",
                                "echo hi"),
                "the metadata on the machine and in the editor");
    }
}
