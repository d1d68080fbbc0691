package io.zonedeck.compute;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a job needs beyond its machine, as a typed record per kind of change: stored as one JSON document in the job
 * row ({@code {"type":"rename","from":"a","to":"b"}}), never a string map with JSON inside. Rows written before the
 * types (a string map) are still read, by their action.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobParams.None.class, name = "none"),
    @JsonSubTypes.Type(value = JobParams.Resize.class, name = "resize"),
    @JsonSubTypes.Type(value = JobParams.Rename.class, name = "rename"),
    @JsonSubTypes.Type(value = JobParams.Tags.class, name = "tags"),
    @JsonSubTypes.Type(value = JobParams.Metadata.class, name = "metadata"),
    @JsonSubTypes.Type(value = JobParams.Nic.class, name = "nic"),
    @JsonSubTypes.Type(value = JobParams.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = JobParams.Throttle.class, name = "throttle")
})
public sealed interface JobParams {
    None NONE = new None();

    /** Create, start, stop, reboot, delete: the machine row says everything. */
    record None() implements JobParams {}

    /** The package before (for compensation) and after. */
    record Resize(UUID from, UUID to) implements JobParams {}

    record Rename(String from, String to) implements JobParams {}

    /** The complete set of tags wanted. */
    record Tags(Map<String, String> tags) implements JobParams {}

    /** The complete set of customer metadata wanted. */
    record Metadata(Map<String, String> metadata) implements JobParams {}

    /** The NIC added or removed. */
    record Nic(String mac) implements JobParams {}

    record Snapshot(String name) implements JobParams {}

    /** Throttles by vmadm name before (null: was unset) and after, and the swap before (more memory may raise it). */
    record Throttle(Map<String, Long> from, Map<String, Long> to, Long swapFrom) implements JobParams {}

    ObjectMapper JSON = new ObjectMapper();

    static String write(JobParams p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's parameters; {@code action} reads a row written before the types. */
    static JobParams read(String action, String json) {
        try {
            JsonNode node = json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
            if (node.has("type")) {
                return JSON.treeToValue(node, JobParams.class);
            }
            return legacy(action, node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JobRunner.JobFailure("unreadable job parameters");
        }
    }

    private static JobParams legacy(String action, JsonNode n) {
        return switch (action) {
            case "resize" ->
                new Resize(
                        UUID.fromString(n.path("from").asText()),
                        UUID.fromString(n.path("to").asText()));
            case "rename" -> new Rename(n.path("from").asText(), n.path("to").asText());
            case "update-tags" -> new Tags(MachineJson.strings(n.path("tags").asText("{}")));
            case "update-metadata" ->
                new Metadata(MachineJson.strings(n.path("metadata").asText("{}")));
            case "add-nic", "remove-nic" -> new Nic(n.path("mac").asText());
            case "throttle" ->
                new Throttle(
                        longs(n.path("from").asText("{}")),
                        longs(n.path("to").asText("{}")),
                        n.hasNonNull("swap_from")
                                ? Long.valueOf(n.path("swap_from").asText())
                                : null);
            default -> n.has("name") ? new Snapshot(n.path("name").asText()) : NONE;
        };
    }

    private static Map<String, Long> longs(String json) {
        Map<String, Long> out = new LinkedHashMap<>();
        MachineJson.strings(json)
                .forEach((k, v) -> out.put(k, v == null || v.isEmpty() || v.equals("null") ? null : Long.valueOf(v)));
        return out;
    }
}
