package io.zonedeck.agent.api;

import java.util.List;

/**
 * Answer of {@code GET /v1/stream?after=N&wait=ms}: entries with seq &gt; N, oldest first.
 *
 * @param next pass as {@code after} in the next call
 * @param gap true when entries after N had already left the ring buffer (data was lost)
 */
public record StreamBatch(long next, boolean gap, List<StreamEntry> entries) {}
