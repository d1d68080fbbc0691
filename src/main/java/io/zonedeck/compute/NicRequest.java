package io.zonedeck.compute;

/**
 * A NIC to add: a network (id or name) the caller may use, an optional address of it (else the lowest free
 * one), and whether it is the primary NIC.
 */
public record NicRequest(String network, String ip, Boolean primary) {
    public NicRequest(String network) {
        this(network, null, null);
    }
}
