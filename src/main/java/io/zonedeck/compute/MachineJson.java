package io.zonedeck.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON columns of compute: tags and metadata (string maps, keys sorted) and job parameters. */
final class MachineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MachineJson() {}

    static String write(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, String> strings(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }

    /** The JSON text a tag filter looks for: {@code "key":"value"} or {@code "key":}. */
    static String fragment(String key, String value) {
        try {
            return JSON.writeValueAsString(key) + ":" + (value == null ? "" : JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
