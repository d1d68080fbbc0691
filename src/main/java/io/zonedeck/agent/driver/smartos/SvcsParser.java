package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.SmfService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code svcs -H -o state,stime,fmri} (one service a line, columns separated by blanks; stime is
 * {@code HH:MM:SS} within the last day, {@code Mon_DD} within the last year, else the year; a state with a
 * trailing {@code *} is in transition; {@code -} when svcs has no time for the instance) and {@code svcs -xv} (a block per troubled service: its FMRI line, then
 * {@code State:}, {@code Reason:}, {@code See:}, {@code Impact:} lines).
 */
public final class SvcsParser {
    static final String LIST = "svcs -H -o state,stime,fmri";
    static final String EXPLAIN = "svcs -xv";
    private static final DateTimeFormatter MON_DD = DateTimeFormatter.ofPattern("MMM_dd", Locale.ENGLISH);

    private SvcsParser() {}

    /** Strict: the first line that is not a service is an error. */
    public static List<SmfService> parse(String list, String explain, Clock clock) throws UnexpectedOutputException {
        List<UnexpectedOutputException> errors = new ArrayList<>();
        List<SmfService> out = parse(list, explain, clock, errors::add);
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return out;
    }

    /**
     * The services, with reasons from {@code svcs -xv} output (may be empty). A line that is not a service is
     * handed to {@code onError} and skipped: one odd line does not hide the node's other services.
     */
    public static List<SmfService> parse(
            String list, String explain, Clock clock, Consumer<UnexpectedOutputException> onError)
            throws UnexpectedOutputException {
        Map<String, String> reasons = parseReasons(explain);
        List<SmfService> out = new ArrayList<>();
        for (String line : list.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(service(line, reasons, clock));
            } catch (UnexpectedOutputException e) {
                onError.accept(e);
            }
        }
        return out;
    }

    private static SmfService service(String line, Map<String, String> reasons, Clock clock)
            throws UnexpectedOutputException {
        String[] f = line.strip().split("\\s+");
        if (f.length != 3) {
            throw new UnexpectedOutputException(LIST, "expected 'state stime fmri'", line);
        }
        String state = f[0].endsWith("*") ? f[0].substring(0, f[0].length() - 1) : f[0];
        if (!SmfService.STATES.contains(state)) {
            throw new UnexpectedOutputException(LIST, "unknown SMF state '" + f[0] + "'", line);
        }
        if (!f[2].contains(":/")) {
            throw new UnexpectedOutputException(LIST, "'" + f[2] + "' is not an FMRI", line);
        }
        String reason = state.equals("online") || state.equals("legacy_run") ? null : reasons.get(f[2]);
        return new SmfService(f[2], state, stime(f[1], line, clock), reason);
    }

    /** FMRI → reason, from {@code svcs -xv}. A reason may continue on indented lines. */
    public static Map<String, String> parseReasons(String explain) throws UnexpectedOutputException {
        Map<String, String> out = new LinkedHashMap<>();
        String fmri = null;
        StringBuilder reason = null;
        for (String line : explain.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("svc:/") || line.startsWith("lrc:/")) {
                put(out, fmri, reason);
                int sp = line.indexOf(' ');
                fmri = sp < 0 ? line : line.substring(0, sp);
                reason = null;
                continue;
            }
            String t = line.strip();
            int colon = t.indexOf(':');
            String label = colon > 0 ? t.substring(0, colon) : "";
            if (fmri == null) {
                throw new UnexpectedOutputException(EXPLAIN, "text before the first service FMRI", line);
            }
            if (label.equals("Reason")) {
                reason = new StringBuilder(t.substring(colon + 1).strip());
            } else if (label.equals("State") || label.equals("See") || label.equals("Impact")) {
                if (reason != null) {
                    put(out, fmri, reason);
                    reason = null;
                }
            } else if (reason != null && Character.isWhitespace(line.charAt(0))) {
                reason.append(' ').append(t);
            } else if (!Character.isWhitespace(line.charAt(0))) {
                throw new UnexpectedOutputException(EXPLAIN, "unknown line in a service's explanation", line);
            }
        }
        put(out, fmri, reason);
        return out;
    }

    private static void put(Map<String, String> out, String fmri, StringBuilder reason) {
        if (fmri != null && reason != null && !out.containsKey(fmri)) {
            out.put(fmri, reason.toString());
        }
    }

    /** The stime in epoch millis; 0 for {@code -}, which svcs prints when the instance has no state time. */
    static long stime(String s, String line, Clock clock) throws UnexpectedOutputException {
        if (s.equals("-")) {
            return 0;
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        try {
            if (s.matches("\\d{1,2}:\\d{2}:\\d{2}")) {
                LocalTime t = LocalTime.parse(s.length() == 7 ? "0" + s : s);
                ZonedDateTime at = LocalDateTime.of(now.toLocalDate(), t).atZone(now.getZone());
                return (at.isAfter(now) ? at.minusDays(1) : at).toInstant().toEpochMilli();
            }
            if (s.matches("[A-Z][a-z]{2}_\\d{2}")) {
                MonthDay md = MonthDay.parse(s, MON_DD);
                LocalDate d = md.atYear(now.getYear());
                if (d.isAfter(now.toLocalDate())) {
                    d = md.atYear(now.getYear() - 1);
                }
                return d.atStartOfDay(now.getZone()).toInstant().toEpochMilli();
            }
            if (s.matches("\\d{4}")) {
                return LocalDate.of(Integer.parseInt(s), 1, 1)
                        .atStartOfDay(now.getZone())
                        .toInstant()
                        .toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw new UnexpectedOutputException(LIST, "stime '" + s + "' is not a date", line, e);
        }
        throw new UnexpectedOutputException(LIST, "stime '" + s + "' is neither HH:MM:SS, Mon_DD nor a year", line);
    }
}
