package io.zonedeck.catalog;

import java.util.List;
import java.util.UUID;

/** An image with the brands it can run under. */
public record Image(UUID id, String name, String version, String os, List<String> brands, long sizeMiB, String state) {
    public String label() {
        return name + " " + version;
    }

    public boolean supports(String brand) {
        return brands.contains(brand);
    }
}
