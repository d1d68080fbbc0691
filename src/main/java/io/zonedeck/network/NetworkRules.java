package io.zonedeck.network;

import io.zonedeck.base.FieldProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The validation rules of a network, field by field (no database: names and owners are the service's). */
final class NetworkRules {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern NIC_TAG = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final int DEFAULT_MTU = 1500;

    private NetworkRules() {}

    /** Trims text, drops empty resolvers and fills the defaults (VLAN 0, MTU 1500, no resolvers). */
    static NetworkRequest withDefaults(NetworkRequest r) {
        return new NetworkRequest(
                trim(r.name()),
                trim(r.nicTag()),
                r.vlanId() == null ? 0 : r.vlanId(),
                trim(r.subnet()),
                trim(r.gateway()),
                trim(r.rangeStart()),
                trim(r.rangeEnd()),
                resolvers(r.resolvers()),
                r.mtu() == null ? DEFAULT_MTU : r.mtu(),
                trim(r.ownerTenant()));
    }

    /** Resolvers from a comma-separated list (as typed in a form). */
    static List<String> parseResolvers(String commaList) {
        return commaList == null || commaList.isBlank() ? List.of() : resolvers(List.of(commaList.split(",")));
    }

    static FieldProblems check(NetworkRequest r) {
        FieldProblems p = new FieldProblems();
        if (blank(r.name())) {
            p.add("name", FieldProblems.MISSING, "A network name is required");
        } else if (!NAME.matcher(r.name()).matches()) {
            p.add("name", FieldProblems.INVALID, "Use 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (blank(r.nicTag())) {
            p.add("nicTag", FieldProblems.MISSING, "A NIC tag is required");
        } else if (!NIC_TAG.matcher(r.nicTag()).matches()) {
            p.add(
                    "nicTag",
                    FieldProblems.INVALID,
                    "A NIC tag starts with a lower-case letter, then up to 31 lower-case letters, digits or _");
        }
        if (r.vlanId() == null) {
            p.add("vlanId", FieldProblems.MISSING, "A VLAN id is required");
        } else if (r.vlanId() < 0 || r.vlanId() > 4094) {
            p.add("vlanId", FieldProblems.INVALID, "VLAN id must be between 0 and 4094 (4095 is reserved by 802.1Q)");
        }
        if (r.mtu() == null) {
            p.add("mtu", FieldProblems.MISSING, "An MTU is required");
        } else if (r.mtu() < 576 || r.mtu() > 9000) {
            p.add("mtu", FieldProblems.INVALID, "MTU must be between 576 and 9000");
        }
        checkResolvers(p, r.resolvers());
        long[] net = subnet(p, r.subnet());
        Long gateway = address(p, "gateway", r.gateway(), "A gateway", net, r.subnet());
        Long start = address(p, "rangeStart", r.rangeStart(), "A range start", net, r.subnet());
        Long end = address(p, "rangeEnd", r.rangeEnd(), "A range end", net, r.subnet());
        if (start != null && end != null) {
            if (start > end) {
                p.add(
                        "rangeEnd",
                        FieldProblems.CONFLICTING,
                        "The range end " + r.rangeEnd() + " comes before its start " + r.rangeStart());
            } else if (gateway != null && gateway >= start && gateway <= end) {
                p.add(
                        "gateway",
                        FieldProblems.CONFLICTING,
                        "The gateway " + r.gateway() + " lies in the allocation range " + r.rangeStart() + "–"
                                + r.rangeEnd() + "; machines could be given its address");
            }
        }
        return p;
    }

    /** [network address, broadcast address] of a valid CIDR, or null after recording the problem. */
    private static long[] subnet(FieldProblems p, String cidr) {
        if (blank(cidr)) {
            p.add("subnet", FieldProblems.MISSING, "A subnet is required, e.g. 10.0.0.0/24");
            return null;
        }
        int slash = cidr.indexOf('/');
        String addr = slash < 0 ? cidr : cidr.substring(0, slash);
        String bits = slash < 0 ? "" : cidr.substring(slash + 1);
        if (!Ipv4.isValid(addr) || !bits.matches("\\d{1,2}")) {
            p.add("subnet", FieldProblems.INVALID, "A subnet is an IPv4 CIDR such as 10.0.0.0/24");
            return null;
        }
        int prefix = Integer.parseInt(bits);
        if (prefix < 8 || prefix > 30) {
            p.add("subnet", FieldProblems.INVALID, "The prefix length must be between 8 and 30");
            return null;
        }
        long mask = (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long base = Ipv4.toLong(addr);
        if ((base & mask) != base) {
            p.add(
                    "subnet",
                    FieldProblems.INVALID,
                    cidr + " is not a network address; did you mean " + Ipv4.toString(base & mask) + "/" + prefix
                            + "?");
            return null;
        }
        return new long[] {base, base | (~mask & 0xffffffffL)};
    }

    /** A host address of the subnet, or null after recording the problem (or when the subnet is invalid). */
    private static Long address(FieldProblems p, String field, String ip, String what, long[] net, String cidr) {
        if (blank(ip)) {
            p.add(field, FieldProblems.MISSING, what + " is required");
            return null;
        }
        if (!Ipv4.isValid(ip)) {
            p.add(field, FieldProblems.INVALID, ip + " is not an IPv4 address");
            return null;
        }
        if (net == null) {
            return null;
        }
        long v = Ipv4.toLong(ip);
        if (v < net[0] || v > net[1]) {
            p.add(field, FieldProblems.INVALID, ip + " is not in the subnet " + cidr);
            return null;
        }
        if (v == net[0] || v == net[1]) {
            p.add(
                    field,
                    FieldProblems.INVALID,
                    ip + " is the " + (v == net[0] ? "network" : "broadcast") + " address of " + cidr);
            return null;
        }
        return v;
    }

    private static void checkResolvers(FieldProblems p, List<String> resolvers) {
        if (resolvers == null) {
            return;
        }
        if (resolvers.size() > 4) {
            p.add("resolvers", FieldProblems.INVALID, "At most 4 resolvers");
            return;
        }
        for (String r : resolvers) {
            if (!Ipv4.isValid(r)) {
                p.add("resolvers", FieldProblems.INVALID, r + " is not an IPv4 address");
                return;
            }
        }
    }

    private static List<String> resolvers(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            if (s != null && !s.isBlank()) {
                out.add(s.trim());
            }
        }
        return List.copyOf(out);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
