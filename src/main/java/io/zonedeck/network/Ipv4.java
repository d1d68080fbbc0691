package io.zonedeck.network;

/** IPv4 dotted-quad ↔ int, for walking allocation ranges. */
public final class Ipv4 {
    private Ipv4() {}

    public static long toLong(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long v = 0;
        for (String s : p) {
            int octet = Integer.parseInt(s);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String toString(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /** True when {@code ip} lies in {@code cidr} (e.g. 10.88.0.0/24). */
    public static boolean inSubnet(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (toLong(ip) & mask) == (toLong(cidr.substring(0, slash)) & mask);
    }

    /** True for a syntactically valid dotted quad. */
    public static boolean isValid(String ip) {
        if (ip == null || !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            toLong(ip);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
