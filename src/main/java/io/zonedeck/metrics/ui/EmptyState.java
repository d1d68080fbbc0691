package io.zonedeck.metrics.ui;

import java.util.Map;

/** The "No samples yet" text a chart shows in its middle while it has no data. */
final class EmptyState {
    static final String TEXT = "No samples yet";

    private EmptyState() {}

    static Map<String, Object> title() {
        return Map.of(
                "text",
                TEXT,
                "left",
                "center",
                "top",
                "middle",
                "textStyle",
                Map.of("fontSize", 14, "fontWeight", "normal", "color", "#8a94a3"));
    }
}
