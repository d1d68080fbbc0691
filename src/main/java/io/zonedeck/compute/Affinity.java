package io.zonedeck.compute;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placement rules in Triton's affinity syntax: {@code <key><op><value>} where key is {@code instance} (also
 * {@code container}, matching a machine's name or UUID) or a tag name; op is {@code ==} (must be on the same
 * node as a match), {@code !=} (must not be), and with a trailing {@code ~} ({@code ==~}, {@code !=~}) the rule
 * is soft: preferred, not required. Values are exact or a glob with {@code *}.
 */
public record Affinity(String key, boolean together, boolean soft, String value) {
    private static final Pattern RULE =
            Pattern.compile("\\s*([A-Za-z0-9_.:-]{1,128})\\s*(==~|!=~|==|!=)\\s*(\\S(?:.*\\S)?)\\s*");

    /** A machine of the same tenant as rules see it. */
    public record Peer(UUID id, String name, Map<String, String> tags, UUID nodeId) {}

    /** Parses the rules; problems are reported on {@code affinity.N}. */
    static List<Affinity> parse(List<String> rules, List<FieldProblem> problems) {
        List<Affinity> out = new ArrayList<>();
        if (rules.size() > 20) {
            problems.add(new FieldProblem("affinity", "Invalid", "At most 20 affinity rules"));
            return out;
        }
        for (int i = 0; i < rules.size(); i++) {
            String r = rules.get(i) == null ? "" : rules.get(i);
            Matcher m = RULE.matcher(r);
            if (r.length() > 256 || !m.matches()) {
                problems.add(new FieldProblem(
                        "affinity." + i,
                        "Invalid",
                        "Write a rule as key==value or key!=value (add ~ for a soft rule), e.g. instance!=db-1"));
                continue;
            }
            String op = m.group(2);
            out.add(new Affinity(m.group(1), op.startsWith("=="), op.endsWith("~"), m.group(3)));
        }
        return out;
    }

    public boolean matches(Peer p) {
        if (key.equals("instance") || key.equals("container")) {
            return glob(p.name()) || p.id().toString().equalsIgnoreCase(value);
        }
        return Optional.ofNullable(p.tags().get(key)).map(this::glob).orElse(false);
    }

    private boolean glob(String s) {
        if (!value.contains("*")) {
            return value.equals(s);
        }
        String regex = Pattern.quote(value).replace("*", "\\E.*\\Q");
        return s.matches(regex);
    }

    @Override
    public String toString() {
        return key + (together ? "==" : "!=") + (soft ? "~" : "") + value;
    }
}
