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
}
