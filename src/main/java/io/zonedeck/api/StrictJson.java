package io.zonedeck.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.zonedeck.base.Printable;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The one JSON policy of every request body (decision 011): the application's ObjectMapper, which Spring MVC reads
 * every REST body with, refuses unknown properties, duplicate keys, trailing data, a number or boolean where text
 * is expected and text where a number or boolean is, fractions for whole numbers, null for primitives, and bounds
 * strings, numbers and nesting. {@link #problems} turns each refusal into field-level errors. A later CloudAPI
 * adapter reads its bodies with the same mapper, or {@link #apply}s the policy to its own.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {
    /** The longest string in a body: 512 KiB of customer metadata fits, anything longer is refused. */
    public static final int MAX_STRING = 1024 * 1024;

    /** Nesting deeper than any body of the API (machine create: body → networks → item). */
    public static final int MAX_DEPTH = 32;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonPolicy() {
        return builder -> builder.postConfigurer(StrictJson::apply);
    }

    /** Puts the policy on {@code json} (its other settings stay). */
    public static ObjectMapper apply(ObjectMapper json) {
        json.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false)
                .configure(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, false)
                .configure(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, false)
                .configure(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT, false)
                .configure(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY, true)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        json.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        json.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_STRING)
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(64)
                        .build());
        // no scalar becomes another kind of scalar: "123" is no number, 123 or true no text, 1 no boolean
        json.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        for (LogicalType scalar : List.of(
                LogicalType.Textual,
                LogicalType.Integer,
                LogicalType.Float,
                LogicalType.Boolean,
                LogicalType.Enum,
                LogicalType.DateTime,
                LogicalType.OtherScalar)) {
            var c = json.coercionConfigFor(scalar);
            for (CoercionInputShape shape : List.of(
                    CoercionInputShape.Integer,
                    CoercionInputShape.Float,
                    CoercionInputShape.Boolean,
                    CoercionInputShape.String,
                    CoercionInputShape.EmptyString)) {
                if (!natural(scalar, shape)) {
                    c.setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        // a POJO, map or collection is never made from a scalar ("tags": "x", "networks": "demo-public")
        for (LogicalType structured :
                List.of(LogicalType.POJO, LogicalType.Map, LogicalType.Collection, LogicalType.Array)) {
            var c = json.coercionConfigFor(structured);
            for (CoercionInputShape shape : List.of(
                    CoercionInputShape.Integer,
                    CoercionInputShape.Float,
                    CoercionInputShape.Boolean,
                    CoercionInputShape.String,
                    CoercionInputShape.EmptyString)) {
                c.setCoercion(shape, CoercionAction.Fail);
            }
        }
        return json;
    }

    /** The JSON shapes a scalar type is read from without coercion. */
    private static boolean natural(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
            case Boolean -> false;
            // UUIDs, instants, enums are written as JSON strings
            default -> shape == CoercionInputShape.String;
        };
    }

    /** The field-level errors of a body Spring MVC could not read (empty, not JSON, or against the policy). */
    static List<FieldProblem> problems(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            String m = Objects.toString(e.getMessage(), "");
            return List.of(
                    m.startsWith("Required request body is missing")
                            ? new FieldProblem("body", "MissingParameter", "A JSON object is required as the body")
                            : new FieldProblem("body", "Invalid", "The body is not valid JSON"));
        }
        return problems(cause);
    }

    /** The field-level errors of a Jackson failure. */
    static List<FieldProblem> problems(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String mapped = cause instanceof JsonMappingException m ? path(m) : null;
            if (t instanceof StreamConstraintsException c) {
                String at = mapped != null ? mapped : parserPath(c.getProcessor());
                return List.of(new FieldProblem(at, "TooLong", "The body exceeds a size limit: " + limit(c)));
            }
            if (t != cause && t instanceof JsonParseException p) {
                String message = Objects.toString(p.getOriginalMessage(), "");
                String at = mapped != null && !mapped.equals("body") ? mapped : parserPath(p.getProcessor());
                return message.startsWith("Duplicate field")
                        ? List.of(new FieldProblem(
                                duplicatePath(at, message), "Duplicate", "A property appears twice in the same object"))
                        : List.of(new FieldProblem(at, "Invalid", "The body is not valid JSON"));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null
                    ? ""
                    : u.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "));
            String name = name(u.getPropertyName());
            return List.of(new FieldProblem(
                    path(u),
                    "UnknownProperty",
                    "Unknown property " + name + (known.isEmpty() ? "" : " (known: " + known + ")")));
        }
        if (cause instanceof StorableJson.Unstorable s) {
            return List.of(new FieldProblem(path(s), "Invalid", s.getOriginalMessage()));
        }
        if (cause instanceof JsonParseException p) {
            String message = Objects.toString(p.getOriginalMessage(), "");
            if (message.startsWith("Duplicate field")) {
                return List.of(new FieldProblem(
                        duplicatePath(parserPath(p.getProcessor()), message),
                        "Duplicate",
                        "A property appears twice in the same object"));
            }
            return List.of(new FieldProblem(parserPath(p.getProcessor()), "Invalid", "The body is not valid JSON"));
        }
        if (cause instanceof ValueInstantiationException v) {
            return List.of(new FieldProblem(path(v), "Invalid", "This value is not valid here"));
        }
        if (cause instanceof InvalidFormatException f) {
            return List.of(new FieldProblem(path(f), "Invalid", "Expected " + expected(f.getTargetType())));
        }
        if (cause instanceof MismatchedInputException m) {
            String field = path(m);
            String message = m.getTargetType() == null
                    ? "This value has the wrong type or shape"
                    : "Expected " + expected(m.getTargetType());
            if (m.getOriginalMessage() != null && m.getOriginalMessage().contains("Trailing token")) {
                return List.of(new FieldProblem("body", "Invalid", "Data after the JSON object"));
            }
            return List.of(new FieldProblem(field, "Invalid", message));
        }
        if (cause instanceof JsonMappingException m) {
            return List.of(new FieldProblem(path(m), "Invalid", "This value has the wrong type or shape"));
        }
        if (cause instanceof JsonProcessingException) {
            return List.of(new FieldProblem("body", "Invalid", "The body is not valid JSON"));
        }
        return List.of(new FieldProblem("body", "Invalid", "The body is not JSON of the expected shape"));
    }

    /** The duplicate property's path: the parser's position, ending with the name Jackson quotes. */
    static String duplicatePath(String at, String message) {
        int open = message.indexOf('\'');
        int close = message.lastIndexOf('\'');
        if (open < 0 || close <= open) {
            return at;
        }
        String name = name(message.substring(open + 1, close));
        if (at.equals(name) || at.endsWith("." + name)) {
            return at;
        }
        return at.equals("body") ? name : at + "." + name;
    }

    private static String limit(StreamConstraintsException c) {
        String m = Objects.toString(c.getOriginalMessage(), "");
        if (m.contains("String value length")) {
            return "text longer than " + MAX_STRING + " characters";
        }
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("Number value length")) {
            return "a number with too many digits";
        }
        return "too large";
    }

    /** What a JSON value for {@code type} looks like, for a message. */
    static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.util.Map.class.isAssignableFrom(type) || Record.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a value of another type";
    }

    /** The dotted path of a mapping failure ("networks.0.ip"), or "body". */
    static String path(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String p = refs.stream()
                .map(r -> r.getFieldName() != null ? name(r.getFieldName()) : String.valueOf(r.getIndex()))
                .filter(s -> !s.equals("-1"))
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "body" : p;
    }

    /** A property name as a field: printable, and {@code ""} for the empty name (a field is never blank). */
    static String name(String property) {
        return property == null || property.isEmpty() ? "\"\"" : Printable.of(property);
    }

    /** Where the parser stood ("tags.role"), or "body". */
    static String parserPath(Object processor) {
        if (!(processor instanceof JsonParser p)) {
            return "body";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(name(c.getCurrentName()));
            } else if (c.inArray()) {
                parts.addFirst(String.valueOf(Math.max(0, c.getCurrentIndex())));
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }
}
