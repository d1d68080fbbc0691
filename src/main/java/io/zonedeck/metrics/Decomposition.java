package io.zonedeck.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an analytics query splits its metric into stacked series. */
public enum Decomposition {
    NONE("none", "None", false),
    MACHINE("machine", "Machine", false),
    NODE("node", "Node", true),
    TENANT("tenant", "Tenant", true),
    SYSCALL("syscall", "System call", false),
    DISK("disk", "Disk", true);

    private final String key;
    private final String label;
    private final boolean operatorOnly;

    Decomposition(String key, String label, boolean operatorOnly) {
        this.key = key;
        this.label = label;
        this.operatorOnly = operatorOnly;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Nodes, tenants and physical disks are the operator's view: a tenant sees only its own machines. */
    public boolean operatorOnly() {
        return operatorOnly;
    }

    public static Optional<Decomposition> byKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(NONE);
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(k)).findFirst();
    }
}
