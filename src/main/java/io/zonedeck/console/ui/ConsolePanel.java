package io.zonedeck.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.component.Terminal;
import io.zonedeck.base.ui.component.VncScreen;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.ui.detail.MachineTab;
import io.zonedeck.compute.ui.detail.MachineTabProvider;
import io.zonedeck.console.ConsoleService;
import io.zonedeck.console.ConsoleTicket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A machine's console: a terminal for zones (its shell or its zone console), noVNC for hardware VMs, with what to
 * do when it cannot open (the machine is stopped, its node is not answering, too many consoles). Connects when shown
 * ({@link #selected}) and disconnects when left, so an unseen page holds no console.
 */
public class ConsolePanel extends VerticalLayout implements MachineTab, MachineTabProvider.Selectable {
    private final ConsoleService consoles;
    private final UUID machineId;
    private final boolean fullScreen;
    private final Span status = new Span();
    private final Span simulated = new Span("Simulated console");
    private final Button connect = new Button("Connect");
    private final Button disconnect = new Button("Disconnect");
    private final RadioButtonGroup<ConsoleKind> kind = new RadioButtonGroup<>();
    private Terminal terminal;
    private VncScreen vnc;
    private String machineState;
    private String machineName = "";
    private String lastReason;
    private boolean shown;
    private boolean open;

    public ConsolePanel(ConsoleService consoles, UUID machineId, boolean fullScreen) {
        this.consoles = consoles;
        this.machineId = machineId;
        this.fullScreen = fullScreen;
        setPadding(false);
        setSizeFull();
        addClassName("zd-console");
        status.setId("console-status");
        simulated.setId("console-simulated");
        simulated.getElement().getThemeList().add("badge contrast");
        simulated.setVisible(false);
        connect.setId("console-connect");
        connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        connect.addClickListener(e -> open());
        disconnect.setId("console-disconnect");
        disconnect.addClickListener(e -> close());
        disconnect.setEnabled(false);
        kind.setId("console-kind");
        kind.getStyle().set("flex-shrink", "0");
        kind.setItemLabelGenerator(k -> k == ConsoleKind.SHELL ? "Shell (zlogin)" : "Zone console (zlogin -C)");
    }

    @Override
    public void show(MachineDetail machine, Optional<JobInfo> active) {
        String before = machineState;
        machineState = machine.summary().state();
        if (terminal == null && vnc == null) {
            build(ConsoleKind.of(machine.summary().brand()));
        }
        machineName = machine.summary().name();
        boolean running = "running".equals(machineState);
        connect.setEnabled(running);
        if (!open) {
            idleStatus();
        }
        if (running && shown && !open && before == null) {
            open();
        }
    }

    /** What the status says while no console is open: why, and what to do. */
    private void idleStatus() {
        if (!"running".equals(machineState)) {
            String last = lastReason == null ? "" : " (the console closed: " + lastReason + ")";
            status.setText(machineName + " is " + machineState + ": start it to use its console." + last);
        } else {
            status.setText(lastReason == null ? "Connect to open the console." : "Closed: " + lastReason + ".");
        }
    }

    @Override
    public void selected(boolean selected) {
        shown = selected;
        if (selected && !open && "running".equals(machineState)) {
            open();
        } else if (!selected && open) {
            close();
        }
    }

    /** Full screen: shown at once. */
    void showNow() {
        shown = true;
        if ("running".equals(machineState)) {
            open();
        }
    }

    private void build(List<ConsoleKind> kinds) {
        HorizontalLayout bar = new HorizontalLayout();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.setWidthFull();
        bar.setId("console-bar");
        bar.getStyle().set("flex-wrap", "wrap");
        Component screen;
        if (kinds.contains(ConsoleKind.VNC)) {
            vnc = new VncScreen();
            vnc.setId("console-vnc");
            vnc.addOpenListener(this::opened);
            vnc.addClosedListener(this::closed);
            Button cad = new Button("Ctrl-Alt-Del", e -> vnc.sendCtrlAltDel());
            cad.setId("console-cad");
            Checkbox scale = new Checkbox("Scale to fit", true);
            scale.setId("console-scale");
            scale.getStyle().set("white-space", "nowrap");
            scale.addValueChangeListener(e -> vnc.setScaled(e.getValue()));
            TextField paste = new TextField();
            paste.setPlaceholder("Text to send to the clipboard");
            paste.setId("console-paste");
            // what the machine copies lands in the field, to copy from there
            vnc.addClipboardListener(text -> {
                paste.setValue(text);
                paste.setHelperText("From the machine's clipboard");
            });
            Button send = new Button("Send", e -> {
                vnc.paste(paste.getValue());
                paste.clear();
                paste.setHelperText(null);
            });
            bar.add(connect, disconnect, cad, scale, paste, send);
            screen = vnc;
        } else {
            kind.setItems(kinds);
            kind.setValue(kinds.get(0));
            kind.addValueChangeListener(e -> {
                if (open && e.isFromClient()) {
                    open();
                }
            });
            terminal = new Terminal();
            terminal.setId("console-terminal");
            terminal.addOpenListener(this::opened);
            terminal.addClosedListener(this::closed);
            bar.add(kind, connect, disconnect);
            screen = terminal;
        }
        if (!fullScreen) {
            Anchor full = new Anchor("machines/" + machineId + "/console", "Full screen");
            full.setTarget("_blank");
            full.setId("console-full-screen");
            full.getStyle().set("white-space", "nowrap");
            bar.add(full);
        }
        bar.add(simulated, status);
        add(bar, screen);
        setFlexGrow(1, screen);
        if (fullScreen && screen instanceof com.vaadin.flow.component.HasSize s) {
            s.setHeight("calc(100vh - 70px)");
        }
    }

    private void open() {
        ConsoleTicket t;
        try {
            ConsoleKind k = vnc != null ? ConsoleKind.VNC : kind.getValue();
            t = consoles.requestTicket(
                    machineId,
                    new ConsoleService.Request(k, 80, 24),
                    VaadinSession.getCurrent().getSession().getId());
        } catch (ZoneDeckException e) {
            status.setText(e.getMessage());
            return;
        }
        simulated.setVisible(t.simulated());
        status.setText("Connecting…");
        open = true;
        disconnect.setEnabled(true);
        connect.setText("Reconnect");
        if (terminal != null) {
            terminal.connect(t.path());
        } else {
            vnc.connect(t.path());
        }
    }

    private void close() {
        open = false;
        if (terminal != null) {
            terminal.disconnect();
        } else if (vnc != null) {
            vnc.disconnect();
        }
        disconnect.setEnabled(false);
        connect.setText("Connect");
        lastReason = "disconnected";
        idleStatus();
    }

    private void opened() {
        status.setText("Connected" + (terminal != null ? ": Ctrl+Shift+C copies, Ctrl+Shift+V pastes." : "."));
        if (terminal != null) {
            terminal.focusTerminal();
        }
    }

    private void closed(String reason) {
        open = false;
        lastReason = reason;
        disconnect.setEnabled(false);
        connect.setText("Reconnect");
        idleStatus();
    }
}
