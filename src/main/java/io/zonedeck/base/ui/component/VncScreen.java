package io.zonedeck.base.ui.component;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * Java API over {@code <zd-vnc>} (noVNC 1.7): a hardware VM's screen over a console WebSocket that relays RFB, with
 * Ctrl-Alt-Del, scaling and the clipboard. For tests the element carries {@code data-state}, {@code data-reason} and
 * {@code data-desktop}.
 */
@Tag("zd-vnc")
@NpmPackage(value = "@novnc/novnc", version = "1.7.0")
@JsModule("./components/zd-vnc.js")
public class VncScreen extends ConsoleScreen {
    public VncScreen() {
        setWidthFull();
        setHeight("520px");
    }

    public void sendCtrlAltDel() {
        getElement().callJsFunction("sendCtrlAltDel");
    }

    /** Fit the screen into the element (true) or show it 1:1 with scroll bars. */
    public void setScaled(boolean fit) {
        getElement().callJsFunction("setScale", fit);
    }

    /** Sends text to the machine's clipboard. */
    public void paste(String text) {
        getElement().callJsFunction("clipboard", text);
    }

    /** The machine copied text to its clipboard. */
    public Registration addClipboardListener(Consumer<String> listener) {
        return getElement()
                .addEventListener(
                        "zd-vnc-clipboard",
                        e -> listener.accept(
                                e.getEventData().hasKey("event.detail.text")
                                        ? e.getEventData().getString("event.detail.text")
                                        : ""))
                .addEventData("event.detail.text");
    }
}
