package io.zonedeck.agent.vrrp;

/** Dotted-quad IPv4 addresses as unsigned 32-bit numbers (VRRP compares primary IPs that way). */
public final class Ipv4Address {
    private Ipv4Address() {}

    /**
     * "10.0.0.1" or "10.0.0.1/24" (the prefix is ignored) → 0..2^32-1.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("IPv4 address is required");
        }
        String addr = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            value = (value << 8) | octet;
        }
        if (s.contains("/")) {
            String prefix = s.substring(s.indexOf('/') + 1);
            if (prefix.isEmpty()
                    || prefix.length() > 2
                    || !prefix.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(prefix) > 32) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
        }
        return value;
    }

    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The address without a "/prefix". */
    public static String withoutPrefix(String s) {
        return s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
    }
}
