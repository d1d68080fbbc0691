package io.zonedeck.metrics.ui;

import java.util.Map;

/**
 * The "No samples yet" text a chart shows in its middle while it has no data, or "Not measured on node cn-9 (linux
 * driver)" when the machine's node does not measure what it shows.
 */
final class EmptyState {
    static final String TEXT = "No samples yet";

    private EmptyState() {}

    static Map<String, Object> title() {
        return title(TEXT);
    }

    /** Another text in the chart's middle (a metric the node does not measure). */
    static Map<String, Object> title(String text) {
        return Map.of(
                "text",
                text,
                "left",
                "center",
                "top",
                "middle",
                "textStyle",
                Map.of("fontSize", 14, "fontWeight", "normal", "color", "#8a94a3"));
    }

    /** A small note in the chart's top right corner: lines left out because the node does not measure them. */
    static Map<String, Object> note(String text) {
        return Map.of(
                "subtext", text, "right", 8, "top", 14, "subtextStyle", Map.of("fontSize", 11, "color", "#8a94a3"));
    }
}
