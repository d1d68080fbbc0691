package io.zonedeck.compute;

import java.util.Optional;
import java.util.UUID;

/**
 * Other features veto deleting a machine they still use (a failover pair member, say) without compute
 * knowing them: each guard is a bean; a reason refuses the delete with a clear message.
 */
public interface DeletionGuard {
    /** Why {@code machineId} must not be deleted now, or empty. */
    Optional<String> refuseDeletion(UUID machineId);
}
