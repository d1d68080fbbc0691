package io.zonedeck.tenancy;

import java.util.Map;

/**
 * The caller's machines counted by state, for the tenant dashboard (compute implements it: tenancy cannot depend on
 * compute, which depends on tenancy for quotas).
 */
public interface MachineStateCounts {
    /** State → number of the caller's machines in it (all machines for operators); states with none left out. */
    Map<String, Long> visibleByState();
}
