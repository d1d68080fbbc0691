package io.zonedeck.base.ui.component;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

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
public class Terminal extends ConsoleScreen {
    public Terminal() {
        setWidthFull();
        setHeight("480px");
    }

    public void focusTerminal() {
        getElement().callJsFunction("focusTerminal");
    }
}
