package io.zonedeck.compute;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A NIC to add: a network (id or name) the caller may use, an optional address of it (else the lowest free
 * one), and whether it is the primary NIC.
 */
public record NicRequest(String network, String ip, Boolean primary) {
    /** For code; a JSON body is always an object ({@code "networks": ["x"]} is refused, not read as a name). */
    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    public NicRequest(String network) {
        this(network, null, null);
    }
}
