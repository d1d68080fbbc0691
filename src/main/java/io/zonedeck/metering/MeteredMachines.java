package io.zonedeck.metering;

import java.util.Collection;

/**
 * The machines the portal manages, as metering sees them. Implemented by the feature that owns machines
 * (compute), so that metering never depends on it; with no implementation no machine is metered.
 *
 * <p>Metering calls it at most about once per flush interval and caches the answer: it is never called per
 * sample, so one query for all machines is the expected shape.
 */
public interface MeteredMachines {
    Collection<MeteredMachine> meteredMachines();
}
