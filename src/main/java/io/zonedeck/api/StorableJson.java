package io.zonedeck.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.zonedeck.base.MultiLineText;
import io.zonedeck.base.StorableText;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * REST bodies refuse text that cannot be stored (NUL, unpaired surrogates) naming the field: in typed bodies through
 * this Jackson module (registered with the application's ObjectMapper), in tree bodies through {@link #problems}.
 */
@Component
class StorableJson extends SimpleModule {
    StorableJson() {
        super("zonedeck-storable-text");
        addDeserializer(String.class, new Text(false));
        addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                String problem = problem(key, false);
                if (problem != null) {
                    throw new Unstorable(
                            ctxt.getParser(),
                            "A key " + Character.toLowerCase(problem.charAt(0)) + problem.substring(1));
                }
                return key;
            }
        });
    }

    /**
     * Text of a body: storable, and one line unless the property is {@link MultiLineText}. Map values are checked
     * with the map's property, so {@code @MultiLineText Map<String, String> metadata} allows multi-line values.
     */
    static final class Text extends StringDeserializer implements ContextualDeserializer {
        private final boolean multiLine;

        Text(boolean multiLine) {
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean lines = property != null && property.getAnnotation(MultiLineText.class) != null;
            return lines == multiLine ? this : new Text(lines);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            String problem = problem(s, multiLine);
            if (problem != null) {
                throw new Unstorable(p, problem);
            }
            return s;
        }
    }

    /** Multi-line text values of a body that is itself a map (PUT metadata). */
    static final class MultiLine extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            String problem = problem(s, true);
            if (problem != null) {
                throw new Unstorable(p, problem);
            }
            return s;
        }
    }

    /** Why {@code s} is refused, or null: not storable, or (unless {@code multiLine}) a control character. */
    static String problem(String s, boolean multiLine) {
        String unstorable = StorableText.problem(s).orElse(null);
        if (unstorable != null || s == null) {
            return unstorable;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = multiLine && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                return c == '\n' || c == '\r'
                        ? "Contains a line break, which is not allowed here"
                        : "Contains a control character, which is not allowed here";
            }
        }
        return null;
    }

    /** A value the databases cannot store; the path names the field. */
    static final class Unstorable extends JsonMappingException {
        Unstorable(JsonParser p, String message) {
            super(p, message);
        }
    }

    /** Every text value and property name of the tree that cannot be stored, by dotted path. */
    static List<FieldProblem> problems(JsonNode node) {
        List<FieldProblem> out = new ArrayList<>();
        walk(node, "", out);
        return out;
    }

    private static void walk(JsonNode node, String path, List<FieldProblem> out) {
        if (node.isTextual()) {
            StorableText.problem(node.textValue())
                    .ifPresent(p -> out.add(new FieldProblem(path.isEmpty() ? "body" : path, "Invalid", p)));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (StorableText.problem(e.getKey()).isPresent()) {
                    out.add(new FieldProblem(
                            path.isEmpty() ? "body" : path,
                            "Invalid",
                            "A property name contains a NUL character or invalid UTF-16"));
                    continue;
                }
                walk(e.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, out);
            }
        }
    }
}
