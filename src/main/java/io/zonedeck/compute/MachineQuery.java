package io.zonedeck.compute;

/**
 * Filters and order of the machines grid; null or blank means "any".
 *
 * @param search a name part, an IP address (or its start), or a machine UUID
 * @param tag {@code key} or {@code key=value}
 * @param sortBy name, state, brand, package, ip, created (default created)
 */
public record MachineQuery(
        String search, String state, String brand, String pkg, String tag, String sortBy, boolean descending) {
    public static MachineQuery all() {
        return new MachineQuery(null, null, null, null, null, "created", true);
    }

    public MachineQuery withSearch(String v) {
        return new MachineQuery(v, state, brand, pkg, tag, sortBy, descending);
    }

    public MachineQuery withState(String v) {
        return new MachineQuery(search, v, brand, pkg, tag, sortBy, descending);
    }

    public MachineQuery withBrand(String v) {
        return new MachineQuery(search, state, v, pkg, tag, sortBy, descending);
    }

    public MachineQuery withPackage(String v) {
        return new MachineQuery(search, state, brand, v, tag, sortBy, descending);
    }

    public MachineQuery withTag(String v) {
        return new MachineQuery(search, state, brand, pkg, v, sortBy, descending);
    }

    public MachineQuery sorted(String by, boolean desc) {
        return new MachineQuery(search, state, brand, pkg, tag, by, desc);
    }
}
