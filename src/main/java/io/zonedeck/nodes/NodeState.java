package io.zonedeck.nodes;

/** A node is online while its heartbeats arrive; silent for 11 s it is unknown, and nothing destructive runs on it. */
public enum NodeState {
    ONLINE,
    UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
