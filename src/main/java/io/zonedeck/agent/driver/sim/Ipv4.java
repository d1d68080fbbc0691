package io.zonedeck.agent.driver.sim;

/** Tiny IPv4 arithmetic for the simulator's address counter. */
final class Ipv4 {
    private Ipv4() {}

    /** "10.88.3" or "10.88.3.0" → the address as an int with the last octet zeroed. */
    static int parseBase(String base) {
        if (base == null) {
            throw new IllegalArgumentException("ipBase is required");
        }
        String[] parts = base.split("\\.");
        if (parts.length != 3 && parts.length != 4) {
            throw new IllegalArgumentException("ipBase must look like 10.88.0: " + base);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int octet = i < parts.length ? parseOctet(parts[i], base) : 0;
            value = (value << 8) | octet;
        }
        return value & 0xFFFFFF00;
    }

    private static int parseOctet(String s, String base) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0 || v > 255) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ipBase must look like 10.88.0: " + base, e);
        }
    }

    /** The n-th (0-based) host address after base, skipping .0 to .9 and .255 of each /24. */
    static String host(int base, int n) {
        int perNet = 245; // .10 .. .254
        int net = n / perNet;
        int hostPart = 10 + n % perNet;
        int addr = base + (net << 8) + hostPart;
        return ((addr >>> 24) & 0xFF) + "." + ((addr >>> 16) & 0xFF) + "." + ((addr >>> 8) & 0xFF) + "."
                + (addr & 0xFF);
    }
}
