package io.zonedeck.console.ui;

import io.zonedeck.compute.ui.detail.MachineTabProvider;
import io.zonedeck.console.ConsoleService;
import java.util.UUID;

/** The Console tab of the machine page. */
@org.springframework.stereotype.Component
class ConsoleTabProvider implements MachineTabProvider {
    private final ConsoleService consoles;

    ConsoleTabProvider(ConsoleService consoles) {
        this.consoles = consoles;
    }

    @Override
    public String label() {
        return "Console";
    }

    @Override
    public String id() {
        return "tab-console";
    }

    @Override
    public com.vaadin.flow.component.Component create(UUID machineId) {
        return new ConsolePanel(consoles, machineId, false);
    }
}
