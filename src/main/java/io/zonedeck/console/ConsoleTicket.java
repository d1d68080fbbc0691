package io.zonedeck.console;

import io.zonedeck.agent.api.ConsoleKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A one-shot console ticket: connect to {@code path} (relative to the portal, a WebSocket) before {@code expiresAt}.
 * The ticket is in the path; it works once, for its user, machine and kind (and, from the UI, its session).
 *
 * @param id the machine's id
 * @param simulated the node plays the console (sim driver)
 */
public record ConsoleTicket(
        UUID id,
        UUID tenantId,
        String name,
        ConsoleKind kind,
        String ticket,
        String path,
        Instant expiresAt,
        boolean simulated) {
    @Override
    public String toString() {
        return "ConsoleTicket[" + id + ", " + kind.wire() + "]";
    }
}
