package io.zonedeck.agent.api;

/** Runtime states as vmadm reports them (lower-case on the wire). */
public enum MachineState {
    PROVISIONING,
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    FAILED,
    DESTROYED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static MachineState fromWire(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
