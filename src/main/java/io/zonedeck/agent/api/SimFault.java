package io.zonedeck.agent.api;

import java.util.UUID;

/**
 * A failure injected into a sim node ({@code POST /v1/sim/faults}; {@code DELETE /v1/sim/faults} clears all).
 *
 * @param operation create, start, stop, reboot, delete, update, snapshot, rollback, delete-snapshot, or any
 * @param mode fail (the operation fails with a reason), hang (it never finishes until the fault is cleared),
 *     slow (it takes ten times as long), drop (the agent performs the request but closes the connection
 *     without answering, as a crashed proxy would)
 * @param step for create: the 1-based provisioning step that fails or hangs (null = the first)
 * @param machine only this machine (null = any)
 * @param count how many operations it hits before it is used up (null = 1)
 */
public record SimFault(String operation, String mode, Integer step, UUID machine, Integer count) {}
