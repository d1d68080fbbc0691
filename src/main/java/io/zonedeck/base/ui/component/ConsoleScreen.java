package io.zonedeck.base.ui.component;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * What the console elements ({@code <zd-terminal>}, {@code <zd-vnc>}) have in common: connect to a console WebSocket
 * path (relative to the portal, with its ticket), disconnect, and hear when the console opens and closes (with the
 * server's reason).
 */
public abstract class ConsoleScreen extends Component implements HasSize {
    /** Opens the console at {@code path}; closes one open before. */
    public void connect(String path) {
        getElement().callJsFunction("connect", path);
    }

    public void disconnect() {
        getElement().callJsFunction("disconnect");
    }

    public Registration addOpenListener(Runnable listener) {
        return getElement().addEventListener("zd-console-open", e -> listener.run());
    }

    /** The console closed; the listener gets the reason (the machine stopped, idle, the user closed it…). */
    public Registration addClosedListener(Consumer<String> listener) {
        return getElement()
                .addEventListener(
                        "zd-console-closed",
                        e -> listener.accept(
                                e.getEventData().hasKey("event.detail.reason")
                                        ? e.getEventData().getString("event.detail.reason")
                                        : "the console closed"))
                .addEventData("event.detail.reason");
    }
}
