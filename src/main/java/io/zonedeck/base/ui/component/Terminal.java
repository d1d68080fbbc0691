package io.zonedeck.base.ui.component;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * Java API over {@code <zd-terminal>} (xterm.js 6): connects to a console WebSocket path, fits its container, copies
 * the selection and pastes (Ctrl+Shift+C / Ctrl+Shift+V), and reports when the console opens and closes (with the
 * server's reason). For tests the element carries {@code data-state}, {@code data-text} and {@code data-reason}.
 */
@Tag("zd-terminal")
@NpmPackage(value = "@xterm/xterm", version = "6.0.0")
@NpmPackage(value = "@xterm/addon-fit", version = "0.11.0")
@JsModule("./components/zd-terminal.js")
@CssImport("@xterm/xterm/css/xterm.css")
public class Terminal extends Component implements HasSize {
    public Terminal() {
        setWidthFull();
        setHeight("480px");
    }

    /** Opens the console at {@code path} (relative to the portal, with its ticket); closes one open before. */
    public void connect(String path) {
        getElement().callJsFunction("connect", path);
    }

    public void disconnect() {
        getElement().callJsFunction("disconnect");
    }

    public void focusTerminal() {
        getElement().callJsFunction("focusTerminal");
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
