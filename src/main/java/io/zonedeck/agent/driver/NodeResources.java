package io.zonedeck.agent.driver;

import java.util.List;

/** Physical capacity of a node and the machine brands it can run. */
public record NodeResources(String hostname, int cpus, long ramMiB, long diskGiB, List<String> brands) {
    public NodeResources {
        if (cpus <= 0 || ramMiB <= 0 || diskGiB <= 0) {
            throw new IllegalArgumentException("cpus, ramMiB and diskGiB must be positive");
        }
        brands = List.copyOf(brands);
    }
}
