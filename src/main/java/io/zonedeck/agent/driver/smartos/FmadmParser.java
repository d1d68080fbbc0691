package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.FmaFault;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code fmadm faulty}: for each problem a table (dashes, {@code TIME EVENT-ID MSG-ID SEVERITY}, dashes, one
 * row {@code Nov 24 10:15:32 <uuid> ZFS-8000-FD Major}, or {@code Jan 05 2025 <uuid> ...} for a problem diagnosed
 * more than six months ago) followed by labelled paragraphs ({@code Fault class :},
 * {@code Affects :}, {@code Problem in :}, {@code Description :}, {@code Response :}, {@code Impact :},
 * {@code Action :}), continuation lines indented. No output means no faults.
 */
public final class FmadmParser {
    static final String COMMAND = "fmadm faulty";
    private static final Pattern ROW = Pattern.compile(
            "^([A-Z][a-z]{2} [ \\d]\\d (?:\\d{2}:\\d{2}:\\d{2}|\\d{4}))\\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                    + "\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern LABEL = Pattern.compile("^([A-Za-z_ -]+?)\\s*:\\s?(.*)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    /** fmadm prints a fault older than six months with its year instead of its time of day ({@code %b %d %Y}). */
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH);

    private FmadmParser() {}

    public static List<FmaFault> parse(String stdout, Clock clock) throws UnexpectedOutputException {
        List<FmaFault> out = new ArrayList<>();
        String[] lines = stdout.split("\\R");
        Pending p = null;
        String label = null;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("----")) {
                continue;
            }
            if (line.startsWith("TIME ")) {
                if (p != null) {
                    out.add(p.fault());
                }
                p = null;
                label = null;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                if (p != null) {
                    out.add(p.fault());
                }
                String sev = row.group(4);
                if (!FmaFault.SEVERITIES.contains(sev)) {
                    throw new UnexpectedOutputException(COMMAND, "unknown severity '" + sev + "'", line);
                }
                p = new Pending(row.group(2), row.group(3), sev, time(row.group(1), line, clock));
                label = null;
                continue;
            }
            if (p == null) {
                throw new UnexpectedOutputException(COMMAND, "text before the first problem's table", line);
            }
            if (Character.isWhitespace(line.charAt(0)) && label != null) {
                p.append(label, line.strip());
                continue;
            }
            Matcher l = LABEL.matcher(line);
            if (!l.matches()) {
                throw new UnexpectedOutputException(COMMAND, "neither a labelled line nor a continuation", line);
            }
            label = l.group(1).strip();
            String value = l.group(2).strip();
            // "Platform : X	Chassis_id : Y" carries two labels on one line; only the first matters here
            p.append(label, value);
        }
        if (p != null) {
            out.add(p.fault());
        }
        return out;
    }

    private static long time(String s, String line, Clock clock) throws UnexpectedOutputException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        try {
            String norm = s.replaceAll("\\s+", " ");
            if (!norm.contains(":")) {
                return LocalDate.parse(norm, OLD)
                        .atStartOfDay(now.getZone())
                        .toInstant()
                        .toEpochMilli();
            }
            LocalDateTime t = LocalDateTime.parse(norm + " " + now.getYear(), TIME);
            ZonedDateTime at = t.atZone(now.getZone());
            if (at.isAfter(now.plusDays(1))) {
                at = at.minusYears(1);
            }
            return at.toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UnexpectedOutputException(COMMAND, "'" + s + "' is not a time", line, e);
        }
    }

    private static final class Pending {
        final String uuid;
        final String code;
        final String severity;
        final long time;
        final StringBuilder resource = new StringBuilder();
        final StringBuilder problemIn = new StringBuilder();
        final StringBuilder description = new StringBuilder();

        Pending(String uuid, String code, String severity, long time) {
            this.uuid = uuid;
            this.code = code;
            this.severity = severity;
            this.time = time;
        }

        void append(String label, String text) {
            StringBuilder b = switch (label) {
                case "Affects" -> resource;
                case "Problem in" -> problemIn;
                case "Description" -> description;
                default -> null;
            };
            if (b == null || text.isEmpty()) {
                return;
            }
            if (b == resource || b == problemIn) {
                // first line is the FMRI; the indented lines after it are its status ("faulted and taken out of
                // service")
                if (b.isEmpty()) {
                    b.append(text);
                }
                return;
            }
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(text);
        }

        FmaFault fault() {
            String res = !resource.isEmpty() ? resource.toString() : problemIn.toString();
            String d = description.toString();
            int refer = d.indexOf(" Refer to ");
            String summary = (refer > 0 ? d.substring(0, refer) : d).strip();
            return new FmaFault(uuid, code, severity, res.isEmpty() ? null : res, summary, time);
        }
    }
}
