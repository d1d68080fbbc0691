package io.zonedeck.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.zonedeck.base.Printable;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strict request bodies: a JSON object whose properties are all known to the record it becomes. An unknown property
 * (a typo such as {@code ramMib}) is refused with 400 naming it rather than silently ignored; a value of the wrong
 * type is refused naming its field.
 */
final class JsonBodies {
    private JsonBodies() {}

    static <T extends Record> T read(ObjectMapper json, JsonNode body, Class<T> type) {
        JsonNode node =
                body == null || body.isNull() || body.isMissingNode() ? JsonNodeFactory.instance.objectNode() : body;
        if (!node.isObject()) {
            throw bad(List.of(new FieldProblem("body", "Invalid", "The body must be a JSON object")));
        }
        List<FieldProblem> unstorable = StorableJson.problems(node);
        if (!unstorable.isEmpty()) {
            throw bad(unstorable);
        }
        Set<String> known = properties(type);
        List<FieldProblem> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(new FieldProblem(
                        Printable.of(name),
                        "UnknownProperty",
                        "Unknown property " + Printable.of(name) + " (known: " + String.join(", ", known) + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw bad(unknown);
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null
                    ? "body"
                    : e.getPath().get(0).getFieldName();
            throw bad(List.of(new FieldProblem(
                    field,
                    "Invalid",
                    e instanceof StorableJson.Unstorable
                            ? e.getOriginalMessage()
                            : "The value of " + field + " has the wrong type or is out of range")));
        } catch (Exception e) {
            throw bad(List.of(new FieldProblem("body", "Invalid", "The body is not of the expected shape")));
        }
    }

    /** The record's JSON property names, in declaration order. */
    static Set<String> properties(Class<? extends Record> type) {
        Set<String> out = new LinkedHashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty p = c.getAnnotation(JsonProperty.class);
            if (p == null) {
                try {
                    p = type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                } catch (NoSuchFieldException e) {
                    p = null;
                }
            }
            out.add(p != null && !p.value().isEmpty() ? p.value() : c.getName());
        }
        return out;
    }

    /** Each named property must be null or a whole number (no 1.5, no "10"). */
    static void wholeNumbers(JsonNode body, Set<String> names, String message) {
        if (body == null || !body.isObject()) {
            return;
        }
        List<FieldProblem> problems = names.stream()
                .filter(body::has)
                .filter(n -> !body.get(n).isNull()
                        && !(body.get(n).isIntegralNumber() && body.get(n).canConvertToLong()))
                .map(n -> new FieldProblem(n, "Invalid", message))
                .collect(Collectors.toList());
        if (!problems.isEmpty()) {
            throw bad(problems);
        }
    }

    private static ZoneDeckException bad(List<FieldProblem> problems) {
        return new ZoneDeckException(
                "Invalid", 400, "Invalid request: " + problems.get(0).message(), problems);
    }
}
