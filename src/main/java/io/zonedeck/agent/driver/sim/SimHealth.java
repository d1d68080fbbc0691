package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.driver.HealthSimulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SMF services and FMA faults of a simulated SmartOS compute node: the global zone's usual services and the
 * Triton agents, all online but sendmail (disabled, as on a stock compute node), and no faults until some are
 * injected. Thread-safe.
 */
public final class SimHealth implements HealthSimulator {
    /** The node's services in svcs order, with the state each has on a healthy node. */
    static final Map<String, String> HEALTHY = healthy();

    private static final long BOOT_AGO_MILLIS = 3 * 24 * 3600_000L;

    private final Clock clock;
    private final Map<String, SmfService> services = new LinkedHashMap<>();
    private final List<FmaFault> faults = new ArrayList<>();

    public SimHealth(Clock clock) {
        this.clock = clock;
        reset(clock.millis() - BOOT_AGO_MILLIS);
    }

    private static Map<String, String> healthy() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String fmri : List.of(
                "svc:/system/svc/restarter:default",
                "svc:/network/loopback:default",
                "svc:/network/physical:default",
                "svc:/system/filesystem/root:default",
                "svc:/system/filesystem/local:default",
                "svc:/system/filesystem/smartdc:default",
                "svc:/system/fmd:default",
                "svc:/system/cron:default",
                "svc:/network/ntp:default",
                "svc:/network/ssh:default",
                "svc:/system/zones:default",
                "svc:/smartdc/agent/vm-agent:default",
                "svc:/smartdc/agent/net-agent:default",
                "svc:/smartdc/agent/cn-agent:default",
                "svc:/smartdc/agent/config-agent:default")) {
            m.put(fmri, "online");
        }
        m.put("svc:/network/smtp:sendmail", "disabled");
        return Collections.unmodifiableMap(m);
    }

    public synchronized NodeHealth snapshot() {
        return new NodeHealth(true, List.copyOf(services.values()), List.copyOf(faults));
    }

    /** Whether the node has a service with this FMRI. */
    public boolean hasService(String fmri) {
        return HEALTHY.containsKey(fmri);
    }

    @Override
    public synchronized NodeHealth setServiceState(String fmri, String state, String reason) {
        if (!hasService(fmri)) {
            throw new IllegalArgumentException("no service " + fmri);
        }
        String why = state.equals("online") ? null : reason != null ? reason : defaultReason(state);
        services.put(fmri, new SmfService(fmri, state, clock.millis(), why));
        return snapshot();
    }

    @Override
    public synchronized FmaFault addFault(String code, String severity, String resource, String summary) {
        FmaFault f = new FmaFault(
                UUID.randomUUID().toString(),
                code,
                severity,
                resource,
                summary != null ? summary : defaultSummary(code),
                clock.millis());
        faults.add(f);
        return f;
    }

    @Override
    public synchronized void resetHealth() {
        reset(clock.millis());
    }

    private void reset(long changedAt) {
        faults.clear();
        Map<String, SmfService> before = new LinkedHashMap<>(services);
        services.clear();
        HEALTHY.forEach((fmri, state) -> {
            SmfService old = before.get(fmri);
            boolean unchanged = old != null && old.state().equals(state) && old.reason() == null;
            services.put(fmri, new SmfService(fmri, state, unchanged ? old.since() : changedAt, null));
        });
    }

    private static String defaultReason(String state) {
        return switch (state) {
            case "maintenance" -> "Start method exited with $SMF_EXIT_ERR_FATAL.";
            case "degraded" -> "The service is running with reduced capacity.";
            case "offline" -> "A dependency is not running.";
            default -> null;
        };
    }

    private static String defaultSummary(String code) {
        if (code.startsWith("ZFS-")) {
            return "The number of I/O errors associated with a ZFS device exceeded acceptable levels.";
        }
        if (code.startsWith("DISK-")) {
            return "SMART health-monitoring firmware reported that a disk failure is imminent.";
        }
        return "A problem was diagnosed by the fault manager.";
    }
}
