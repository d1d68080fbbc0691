package io.zonedeck.network;

/**
 * Addresses of a network: {@code total} in its allocation range, {@code used} of those, and {@code allocated}
 * held in the whole subnet (virtual IPs may lie outside the range).
 */
public record NetworkUsage(long total, long used, long allocated) {
    public long free() {
        return Math.max(0, total - used);
    }
}
