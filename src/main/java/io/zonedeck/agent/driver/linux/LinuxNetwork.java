package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A machine's network: its namespace {@code zd-<8 hex>}, a veth pair whose host side {@code zdv<8 hex>} is a port
 * of the node's bridge and whose other side is {@code eth0} in the namespace with the machine's address; the
 * bridge has {@code <ipBase>.1/24}. Machines reach the host and each other on that /24 only: there is no default
 * route and no NAT (a default route into nowhere made every reverse DNS lookup inside hang for seconds, e.g. the
 * start of python's http.server). Everything through {@code ip}.
 */
final class LinuxNetwork {
    static final String INSIDE_IF = "eth0";
    static final int PREFIX = 24;

    private final String bridge;
    private final String gateway;

    LinuxNetwork(String bridge, String ipBase) {
        this.bridge = bridge;
        this.gateway = ipBase + ".1";
    }

    String bridge() {
        return bridge;
    }

    String gateway() {
        return gateway;
    }

    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    static boolean netnsExists(String name) {
        return Files.exists(Path.of("/run/netns", name));
    }

    /** Creates the bridge with the gateway address if it is missing; brings it up. */
    synchronized void ensureBridge() throws DriverException {
        if (!linkExists(bridge)) {
            Commands.run("ip", "link", "add", bridge, "type", "bridge");
        }
        String addrs = Commands.run("ip", "-o", "-4", "addr", "show", "dev", bridge);
        if (!addrs.contains(" " + gateway + "/")) {
            Commands.run("ip", "addr", "add", gateway + "/" + PREFIX, "dev", bridge);
        }
        Commands.run("ip", "link", "set", bridge, "up");
    }

    /** Creates (or completes) the machine's namespace and veth pair; idempotent. */
    synchronized void setUp(String netns, String veth, String ip) throws DriverException {
        ensureBridge();
        if (!netnsExists(netns)) {
            Commands.run("ip", "netns", "add", netns);
        }
        if (!linkExists(veth)) {
            Commands.run("ip", "link", "add", veth, "type", "veth", "peer", "name", INSIDE_IF, "netns", netns);
        }
        Commands.run("ip", "link", "set", veth, "master", bridge, "up");
        String addrs = Commands.run("ip", "-n", netns, "-o", "-4", "addr", "show", "dev", INSIDE_IF);
        if (!addrs.contains(" " + ip + "/")) {
            Commands.run("ip", "-n", netns, "addr", "add", ip + "/" + PREFIX, "dev", INSIDE_IF);
        }
        Commands.run("ip", "-n", netns, "link", "set", "lo", "up");
        Commands.run("ip", "-n", netns, "link", "set", INSIDE_IF, "up");
    }

    /** Removes the namespace (which takes eth0 and so the whole veth pair) and the host side if it is left. */
    synchronized void tearDown(String netns, String veth) throws DriverException {
        if (netnsExists(netns)) {
            Commands.run("ip", "netns", "del", netns);
        }
        // the kernel destroys the pair with the namespace, asynchronously
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (linkExists(veth) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (linkExists(veth)) {
            Commands.Result r = Commands.exec("ip", "link", "del", veth);
            if (r.exit() != 0 && linkExists(veth)) {
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "`ip link del " + veth + "` exited " + r.exit() + ": "
                                + r.stderr().strip());
            }
        }
    }

    /** Removes the bridge (tests; an operator's cleanup). */
    synchronized void removeBridge() throws DriverException {
        if (linkExists(bridge)) {
            Commands.run("ip", "link", "del", bridge);
        }
    }

    /** A counter of the host side of the veth (rx_bytes, tx_packets, ...); -1 when unreadable. */
    static long vethCounter(String veth, String counter) {
        try {
            return ProcFiles.read(Path.of("/sys/class/net", veth, "statistics", counter))
                    .map(s -> ProcFiles.single(s, counter))
                    .orElse(-1L);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
