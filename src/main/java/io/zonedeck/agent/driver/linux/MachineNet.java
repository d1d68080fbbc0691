package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.vrrp.Ipv4Address;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the VRRP side needs to know of a machine's network: the named network namespace ({@code ip netns}, so
 * {@code /run/netns/<netns>}), the interface inside it, and its IPv4 address and prefix length.
 *
 * @param brand the machine's brand, so that VRRP is refused for kvm/bhyve like on SmartOS; null when not known
 */
public record MachineNet(String netns, String iface, String ipv4, int prefix, String brand) {
    private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** Where {@code ip netns add} puts the namespaces. */
    static final Path NETNS_DIR = Path.of("/run/netns");

    public MachineNet {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(ipv4, "ipv4");
        if (!NETNS.matcher(netns).matches()) {
            throw new IllegalArgumentException("not a network namespace name: " + netns);
        }
        if (!IFACE.matcher(iface).matches()) {
            throw new IllegalArgumentException("not an interface name: " + iface);
        }
        if (!Ipv4Address.isValid(ipv4) || ipv4.contains("/")) {
            throw new IllegalArgumentException("not an IPv4 address: " + ipv4);
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32: " + prefix);
        }
    }

    public MachineNet(String netns, String iface, String ipv4, int prefix) {
        this(netns, iface, ipv4, prefix, null);
    }

    /** The namespace's bind mount; it exists while the machine's network is up. */
    public Path netnsPath() {
        return NETNS_DIR.resolve(netns);
    }
}
