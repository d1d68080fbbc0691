package io.zonedeck.agent.api;

/**
 * {@code POST /v1/machines/{uuid}/console}: what to attach to and the terminal's first size.
 *
 * @param cols columns, 1..1000 (terminals only; ignored for VNC)
 * @param rows rows, 1..1000 (terminals only)
 */
public record ConsoleRequest(ConsoleKind kind, int cols, int rows) {}
