package io.zonedeck.audit;

import java.util.UUID;

/**
 * The audited call running on this thread, if any. A service that learns whose object it is changing calls
 * {@link #subjectTenant(UUID)}, so that an operator's action on a tenant's machine belongs to that tenant's
 * audit log as well. Outside an audited call the hook does nothing.
 */
public final class AuditScope {
    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    /** What the outermost audited call on this thread has learned so far. */
    static final class Frame {
        UUID subjectTenant;
    }

    private AuditScope() {}

    /** The record of the current audited call belongs to this tenant (the owner of the object acted on). */
    public static void subjectTenant(UUID tenantId) {
        Frame f = CURRENT.get();
        if (f != null && tenantId != null) {
            f.subjectTenant = tenantId;
        }
    }

    /** True while an audited call runs on this thread. */
    static boolean active() {
        return CURRENT.get() != null;
    }

    /** Opens the outermost frame; null when one is open already (a nested audited call is not recorded). */
    static Frame enter() {
        if (CURRENT.get() != null) {
            return null;
        }
        Frame f = new Frame();
        CURRENT.set(f);
        return f;
    }

    static void exit(Frame f) {
        if (f != null && CURRENT.get() == f) {
            CURRENT.remove();
        }
    }
}
