package io.zonedeck.agent.driver.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and how the linux driver keeps its machines.
 *
 * @param nodeId the node's id: its cgroups are {@code zonedeck/<nodeId>/<uuid>}
 * @param stateDir per machine its payload, runtime facts, data directory and console log (made absolute)
 * @param bridge the host bridge the machines' veths are ports of (at most 15 characters)
 * @param ipBase the machines' /24, three octets ("10.89.0"): the bridge has .1, machines .10 to .254
 * @param cfsPeriod the CFS period of cpu_cap (1 ms .. 1 s)
 * @param stopTimeout how long a stop waits after SIGTERM before it sends SIGKILL
 */
public record LinuxSettings(
        String nodeId, Path stateDir, String bridge, String ipBase, Duration cfsPeriod, Duration stopTimeout) {
    public static final String DEFAULT_BRIDGE = "zdbr0";
    public static final String DEFAULT_IP_BASE = "10.89.0";
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(100);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_-]{1,15}");
    private static final Pattern BASE =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    public LinuxSettings {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must be 1..63 of [A-Za-z0-9._-]: " + nodeId);
        }
        if (stateDir == null) {
            stateDir = Path.of("/var/lib/zonedeck/agent", nodeId);
        }
        // absolute: the machines' init scripts run in their own directories
        stateDir = stateDir.toAbsolutePath().normalize();
        if (bridge == null) {
            bridge = DEFAULT_BRIDGE;
        }
        if (!IFNAME.matcher(bridge).matches()) {
            throw new IllegalArgumentException("bridge must be an interface name of 1..15 characters: " + bridge);
        }
        if (ipBase == null) {
            ipBase = DEFAULT_IP_BASE;
        }
        if (!BASE.matcher(ipBase).matches()) {
            throw new IllegalArgumentException("ipBase must be three octets like 10.89.0: " + ipBase);
        }
        if (cfsPeriod == null) {
            cfsPeriod = DEFAULT_PERIOD;
        }
        if (cfsPeriod.compareTo(Duration.ofMillis(1)) < 0 || cfsPeriod.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("cfsPeriod must be 1 ms .. 1 s: " + cfsPeriod);
        }
        if (stopTimeout == null) {
            stopTimeout = DEFAULT_STOP_TIMEOUT;
        }
    }

    /** The defaults for a node: /var/lib/zonedeck/agent/&lt;nodeId&gt;, bridge zdbr0, 10.89.0/24, 100 ms, 5 s. */
    public static LinuxSettings defaults(String nodeId) {
        return new LinuxSettings(nodeId, null, null, null, null, null);
    }

    long periodUs() {
        return cfsPeriod.toNanos() / 1000;
    }
}
