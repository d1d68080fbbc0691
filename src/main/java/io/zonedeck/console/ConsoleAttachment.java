package io.zonedeck.console;

import io.zonedeck.agent.api.ConsoleKind;
import java.util.UUID;

/**
 * A redeemed ticket: the console session to open.
 *
 * @param id the machine's id (the audit log's target)
 * @param name what the audit log says: "shell console of web-1"
 */
public record ConsoleAttachment(
        UUID id, String name, UUID tenantId, UUID sessionId, UUID nodeId, ConsoleKind kind, int cols, int rows) {}
