package io.zonedeck.agent.api;

/** Runtime states as vmadm reports them (lower-case on the wire). */
public enum MachineState {
    PROVISIONING,
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    FAILED,
    DESTROYED,
    /** The node reported a state this protocol does not know (protocol v1.4; the machine's error names it). */
    UNKNOWN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A state from the wire; one this portal does not know (a newer agent's) reads as {@link #UNKNOWN}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static MachineState fromWire(String s) {
        try {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
