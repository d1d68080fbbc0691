package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.Histogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one second of the driver's D program ({@link SmartOsDtrace#PROGRAM}): a line {@code --- <epoch s>}, then
 * sections each opened by a marker line ({@code @syslat}, {@code @calls}, {@code @disklat}, {@code @runq},
 * {@code @devlat}) and closed by {@code @end}. A histogram section is what {@code printa} prints for an
 * {@code llquantize(us, 10, 0, 6, 10)} aggregation keyed by one string: a key line, a header line
 * {@code value  ---- Distribution ---- count}, then rows {@code value |@@@@   count} from {@code < 1} to
 * {@code >= 10000000}; each row becomes one {@code [lower_us, count]} pair (zero rows are dropped). The calls
 * section is {@code printa("%s %s %@d\n", @calls)}: zone, system call, count.
 */
public final class DtraceParser {
    static final String COMMAND = "dtrace -q -s zonedeck.d";

    private static final Pattern ROW = Pattern.compile("^\\s*(< |>= )?(\\d+) \\|[@ ]*?\\s*(\\d+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^\\s*value\\s+-+ Distribution -+\\s+count\\s*$");

    /** One second of all aggregations. Keys: zone name (= machine uuid) or device name (devlat). */
    public record Second(
            long epochSecond,
            Map<String, Histogram> syscallLatency,
            Map<String, Map<String, Long>> syscalls,
            Map<String, Histogram> diskLatency,
            Map<String, Histogram> runqLatency,
            Map<String, Histogram> deviceLatency) {}

    private DtraceParser() {}

    /** One block, from its {@code ---} line to its {@code @end} line. */
    public static Second parseBlock(String block) throws UnexpectedOutputException {
        String[] lines = block.split("\\R");
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length || !lines[i].startsWith("--- ")) {
            throw new UnexpectedOutputException(
                    COMMAND, "a block must start with '--- <epoch>'", i < lines.length ? lines[i] : block);
        }
        long epoch;
        try {
            epoch = Long.parseLong(lines[i].substring(4).strip());
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException(COMMAND, "the block's time is not a number", lines[i], e);
        }
        Map<String, Map<String, List<long[]>>> hist = new HashMap<>();
        Map<String, Map<String, Long>> calls = new LinkedHashMap<>();
        String section = null;
        String key = null;
        boolean ended = false;
        for (i++; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (ended) {
                throw new UnexpectedOutputException(COMMAND, "output after @end", line);
            }
            String t = line.strip();
            if (t.startsWith("@")) {
                switch (t) {
                    case "@syslat", "@disklat", "@runq", "@devlat", "@calls" -> {
                        section = t;
                        key = null;
                    }
                    case "@end" -> ended = true;
                    default -> throw new UnexpectedOutputException(COMMAND, "unknown section", line);
                }
                continue;
            }
            if (section == null) {
                throw new UnexpectedOutputException(COMMAND, "data before any section marker", line);
            }
            if (section.equals("@calls")) {
                String[] f = t.split("\\s+");
                if (f.length != 3) {
                    throw new UnexpectedOutputException(COMMAND, "expected 'zone syscall count'", line);
                }
                long n = count(line, f[2]);
                calls.computeIfAbsent(f[0], z -> new LinkedHashMap<>()).merge(f[1], n, Long::sum);
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                if (key == null) {
                    throw new UnexpectedOutputException(COMMAND, "distribution header without a key", line);
                }
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                if (key == null) {
                    throw new UnexpectedOutputException(COMMAND, "distribution row without a key", line);
                }
                String prefix = m.group(1);
                long bound = count(line, m.group(2));
                long c = count(line, m.group(3));
                long lower = "< ".equals(prefix) ? 0 : bound;
                if (c > 0) {
                    hist.computeIfAbsent(section, s -> new LinkedHashMap<>())
                            .computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new long[] {lower, c});
                }
                continue;
            }
            if (t.contains("|") || t.contains(" ")) {
                throw new UnexpectedOutputException(COMMAND, "neither a key nor a distribution row", line);
            }
            key = t;
            hist.computeIfAbsent(section, s -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>());
        }
        if (!ended) {
            throw new UnexpectedOutputException(
                    COMMAND, "the block has no @end (truncated output)", lines[lines.length - 1]);
        }
        return new Second(
                epoch,
                histograms(hist.get("@syslat")),
                calls,
                histograms(hist.get("@disklat")),
                histograms(hist.get("@runq")),
                histograms(hist.get("@devlat")));
    }

    /** Folds an illumos system call name into the keys of {@code MachineSample.SYSCALLS}. */
    public static String fold(String probefunc) {
        return switch (probefunc) {
            case "read", "pread", "pread64", "readv", "preadv" -> "read";
            case "write", "pwrite", "pwrite64", "writev", "pwritev" -> "write";
            case "open", "open64", "openat", "openat64" -> "open";
            case "close" -> "close";
            case "stat", "stat64", "lstat", "lstat64", "fstat", "fstat64", "fstatat", "fstatat64" -> "stat";
            case "mmap", "mmap64" -> "mmap";
            case "ioctl" -> "ioctl";
            case "pollsys", "poll" -> "pollsys";
            default -> "other";
        };
    }

    private static Map<String, Histogram> histograms(Map<String, List<long[]>> pairs) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        if (pairs != null) {
            pairs.forEach((k, v) -> out.put(k, Histogram.of(v)));
        }
        return out;
    }

    private static long count(String line, String s) throws UnexpectedOutputException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException(COMMAND, "'" + s + "' is not a count", line, e);
        }
    }
}
