package io.zonedeck.agent.driver.smartos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code kstat -p}: one statistic a line, {@code module:instance:name:statistic<TAB>value}. The name may
 * itself contain colons (it is everything between the instance and the last colon). A line whose TAB became
 * spaces (output copied from a terminal) reads the same; the name then must not contain a blank.
 */
public final class KstatParser {

    /** One kstat (module:instance:name) and its statistics, values as printed. */
    public record Kstat(String module, int instance, String name, Map<String, String> stats) {
        public String get(String stat) {
            return stats.get(stat);
        }

        /** A numeric statistic; NaN when absent or not a number. */
        public double number(String stat) {
            String v = stats.get(stat);
            if (v == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** snaptime in nanoseconds (kstat -p prints it in seconds with a fraction). */
        public double snaptimeNs() {
            return number("snaptime") * 1e9;
        }
    }

    private KstatParser() {}

    /** Strict: the first line not of the form module:instance:name:statistic TAB value is an error. */
    public static List<Kstat> parse(String command, String stdout) throws UnexpectedOutputException {
        List<UnexpectedOutputException> errors = new ArrayList<>();
        List<Kstat> out = parse(command, stdout, errors::add);
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return out;
    }

    /** The first blank of a line whose TAB was expanded to spaces (as copied from a terminal); -1 when none. */
    private static int firstBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** Lenient: bad lines are handed to {@code onError} and skipped; the rest is returned. */
    public static List<Kstat> parse(String command, String stdout, Consumer<UnexpectedOutputException> onError) {
        Map<String, Kstat> byKey = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            int end = tab >= 0 ? tab : firstBlank(line);
            if (end < 0) {
                onError.accept(new UnexpectedOutputException(command, "no TAB between name and value", line));
                continue;
            }
            String key = line.substring(0, end);
            String value =
                    tab >= 0 ? line.substring(tab + 1) : line.substring(end).strip();
            int c1 = key.indexOf(':');
            int c2 = c1 < 0 ? -1 : key.indexOf(':', c1 + 1);
            int c3 = key.lastIndexOf(':');
            if (c1 <= 0 || c2 < 0 || c3 <= c2 || c3 == key.length() - 1) {
                onError.accept(new UnexpectedOutputException(command, "expected module:instance:name:statistic", line));
                continue;
            }
            int instance;
            try {
                instance = Integer.parseInt(key.substring(c1 + 1, c2));
            } catch (NumberFormatException e) {
                onError.accept(new UnexpectedOutputException(command, "instance is not a number", line, e));
                continue;
            }
            String module = key.substring(0, c1);
            String name = key.substring(c2 + 1, c3);
            String stat = key.substring(c3 + 1);
            Kstat k = byKey.computeIfAbsent(
                    module + ":" + instance + ":" + name,
                    x -> new Kstat(module, instance, name, new LinkedHashMap<>()));
            k.stats().put(stat, value);
        }
        List<Kstat> out = new ArrayList<>(byKey.size());
        for (Kstat k : byKey.values()) {
            out.add(new Kstat(k.module(), k.instance(), k.name(), Collections.unmodifiableMap(k.stats())));
        }
        return out;
    }
}
