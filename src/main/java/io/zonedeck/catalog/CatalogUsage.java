package io.zonedeck.catalog;

import java.util.UUID;

/**
 * How many machines use a package or an image. Implemented by the feature that owns machines (compute), so
 * that catalog never depends on it; with no implementation nothing counts as in use.
 */
public interface CatalogUsage {
    long machinesUsingPackage(UUID packageId);

    long machinesUsingImage(UUID imageId);
}
