package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import java.util.Optional;
import java.util.UUID;

/** Tags and customer_metadata, each edited as key/value rows and saved as one update job. */
public class MetadataTab extends VerticalLayout implements MachineTab {
    private final KeyValueEditor tags;
    private final KeyValueEditor metadata;

    public MetadataTab(MachineChanges changes, UUID id, Runnable refresh) {
        setPadding(false);
        tags = new KeyValueEditor("tags-editor", "Tags", "tags", "save-tags", map -> {
            var job = changes.setTags(id, map);
            refresh.run();
            return job;
        });
        metadata = new KeyValueEditor("metadata-editor", "Customer metadata", "metadata", "save-metadata", map -> {
            var job = changes.setMetadata(id, map);
            refresh.run();
            return job;
        });
        Paragraph hint = new Paragraph("Tags label the machine (affinity rules can match them); customer metadata "
                + "is readable inside the machine (mdata-get), root_authorized_keys included.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        FlexLayout editors = new FlexLayout(tags, metadata);
        editors.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        editors.getStyle().set("gap", "var(--lumo-space-m)");
        editors.setWidthFull();
        add(hint, editors);
    }

    @Override
    public void show(MachineDetail m, Optional<JobInfo> active) {
        boolean busy = MachineTab.busy(m, active);
        tags.show(m.tags(), busy);
        metadata.show(m.metadata(), busy);
    }

    public KeyValueEditor tags() {
        return tags;
    }

    public KeyValueEditor metadata() {
        return metadata;
    }
}
