package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.VrrpEngine;
import io.zonedeck.agent.vrrp.VrrpSpecRules;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * VRRP of the simulator: the driver's machines run routers on a {@link VrrpEngine}. Calls hold the driver's
 * monitor while they look at the machine and touch the engine, so a router never runs for a machine that
 * is stopping (lock order: driver, then LAN).
 */
final class SimVrrp implements VrrpSupport {
    private final SimDriver driver;
    private final VrrpEngine engine;

    SimVrrp(SimDriver driver, VrrpEngine engine) {
        this.driver = driver;
        this.engine = engine;
    }

    VrrpEngine engine() {
        return engine;
    }

    @Override
    public VrrpRouterInfo configure(UUID machine, VrrpSpec spec) throws DriverException {
        if (spec == null) {
            throw new DriverException(DriverException.INVALID, "a VRRP spec is required");
        }
        synchronized (driver) {
            MachineInfo m = require(machine);
            List<FieldError> errors = VrrpSpecRules.check(spec, m.brand(), m.ips());
            if (!errors.isEmpty()) {
                throw new DriverException(
                        DriverException.INVALID,
                        errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
            }
            return engine.configure(machine, spec, m.state() == MachineState.RUNNING);
        }
    }

    @Override
    public void remove(UUID machine, int vrid) throws DriverException {
        synchronized (driver) {
            require(machine);
            if (!engine.remove(machine, vrid)) {
                throw noRouter(machine, vrid);
            }
        }
    }

    @Override
    public VrrpRouterInfo setEnabled(UUID machine, int vrid, boolean enabled) throws DriverException {
        synchronized (driver) {
            require(machine);
            return engine.setEnabled(machine, vrid, enabled).orElseThrow(() -> noRouter(machine, vrid));
        }
    }

    @Override
    public VrrpRouterInfo release(UUID machine, int vrid, int newPriority) throws DriverException {
        if (newPriority < 1 || newPriority > 255) {
            throw new DriverException(DriverException.INVALID, "priority must be between 1 and 255");
        }
        synchronized (driver) {
            require(machine);
            return engine.release(machine, vrid, newPriority).orElseThrow(() -> noRouter(machine, vrid));
        }
    }

    @Override
    public List<VrrpRouterInfo> routers() {
        return engine.routers();
    }

    @Override
    public void setTransitionListener(Consumer<VrrpTransition> listener) {
        engine.setTransitionListener(listener);
    }

    private MachineInfo require(UUID machine) throws DriverException {
        return driver.get(machine)
                .orElseThrow(() -> new DriverException(DriverException.NOT_FOUND, "no machine " + machine));
    }

    private static DriverException noRouter(UUID machine, int vrid) {
        return new DriverException(DriverException.NOT_FOUND, "machine " + machine + " has no VRRP router " + vrid);
    }
}
