package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.Component;
import java.util.UUID;

/**
 * A tab that another feature adds to the machine page (the console): a Spring bean; the page asks it for the tab's
 * content when it builds the page. Content that implements {@link MachineTab} sees the machine as it changes, and
 * {@link Selectable} content learns when its tab is selected (so a console connects only when looked at).
 */
public interface MachineTabProvider {
    /** The tab's label, e.g. "Console". */
    String label();

    /** The tab's element id, e.g. "tab-console". */
    String id();

    Component create(UUID machineId);

    /** Content that does something when its tab is selected or left. */
    interface Selectable {
        void selected(boolean selected);
    }
}
