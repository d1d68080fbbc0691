package io.zonedeck.nodes;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses the portal may connect to as a node agent, decided before any connection is attempted (a
 * portal that connects wherever an operator points it is a way into the cloud's metadata service, the portal's
 * own loopback ports and the node network). Cloud metadata, unspecified, multicast and broadcast addresses and the
 * portal's own ports on this host are always refused; loopback and link-local only when a setting allows them (the
 * demo and the tests run their sim agents on loopback). IPv4 addresses embedded in IPv6 ones (IPv4-compatible,
 * NAT64, 6to4) are judged as the IPv4 address they reach.
 *
 * @param ownPorts the portal's own listening ports (HTTP, management, CloudAPI)
 */
public record AgentAddressPolicy(boolean allowLoopback, boolean allowLinkLocal, Set<Integer> ownPorts) {
    private static final Set<String> METADATA = Set.of(
            "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean, ...
            "169.254.170.2", // AWS ECS task metadata
            "100.100.100.200", // Alibaba Cloud
            "168.63.129.16", // Azure wire server
            "fd00:ec2:0:0:0:0:0:254"); // AWS over IPv6

    public AgentAddressPolicy {
        ownPorts = Set.copyOf(ownPorts);
    }

    /** Why the portal must not connect to {@code address}:{@code port}; empty when it may. */
    public Optional<String> refusal(InetAddress address, int port) {
        Optional<String> why = category(address);
        if (why.isPresent()) {
            return why;
        }
        if (ownPorts.contains(port) && isThisHost(address)) {
            return Optional.of("the portal's own port");
        }
        return Optional.empty();
    }

    private Optional<String> category(InetAddress address) {
        Optional<Inet4Address> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return category(embedded.get());
        }
        String literal = address.getHostAddress();
        int zone = literal.indexOf('%');
        if (METADATA.contains(zone < 0 ? literal : literal.substring(0, zone))) {
            return Optional.of("a cloud metadata address");
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || address instanceof Inet4Address && b[0] == 0) {
            return Optional.of("an unspecified address");
        }
        if (address.isMulticastAddress() || address instanceof Inet4Address && (b[0] & 0xff) >= 240) {
            return Optional.of("a multicast, reserved or broadcast address");
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return allowLinkLocal ? Optional.empty() : Optional.of("a link-local address");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address stands for: ::a.b.c.d, 64:ff9b::a.b.c.d (NAT64), 2002:aabb:ccdd:: (6to4). */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12);
        int from = compatible || nat64 ? 12 : b[0] == 0x20 && b[1] == 0x02 ? 2 : -1;
        if (from < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address)
                    InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address of this host: loopback, unspecified, or one of its interfaces' (no packet is sent to find out). */
    private static boolean isThisHost(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
