package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads {@code zfs list -H -p} output: tab-separated columns, numbers in bytes and epoch seconds. */
public final class ZfsParser {

    /** One snapshot row of {@code zfs list -H -p -t snapshot -o name,creation,used}. */
    public record Snapshot(String dataset, String name, Instant created, long usedBytes) {
        public SnapshotInfo info() {
            return new SnapshotInfo(name, created);
        }
    }

    /** {@code zfs list -H -p -o used,available zones}. */
    public record Space(long usedBytes, long availableBytes) {
        public long totalBytes() {
            return usedBytes + availableBytes;
        }
    }

    private ZfsParser() {}

    /** Snapshots oldest first; {@code command} names the command in errors. */
    public static List<Snapshot> parseSnapshots(String command, String stdout) throws UnexpectedOutputException {
        List<Snapshot> out = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new UnexpectedOutputException(command, "expected 3 tab-separated columns", line);
            }
            int at = f[0].indexOf('@');
            if (at <= 0 || at == f[0].length() - 1) {
                throw new UnexpectedOutputException(command, "not a snapshot name (dataset@snap)", line);
            }
            long creation = number(command, f[1], line);
            long used = f[2].equals("-") ? 0 : number(command, f[2], line);
            out.add(new Snapshot(f[0].substring(0, at), f[0].substring(at + 1), Instant.ofEpochSecond(creation), used));
        }
        out.sort(Comparator.comparing(Snapshot::created).thenComparing(Snapshot::name));
        return out;
    }

    public static Space parseSpace(String command, String stdout) throws UnexpectedOutputException {
        String line = stdout.strip();
        String[] f = line.split("\t", -1);
        if (line.isEmpty() || line.contains("\n") || f.length != 2) {
            throw new UnexpectedOutputException(command, "expected one line 'used<TAB>available'", line);
        }
        return new Space(number(command, f[0], line), number(command, f[1], line));
    }

    private static long number(String command, String s, String line) throws UnexpectedOutputException {
        try {
            long v = Long.parseLong(s.strip());
            if (v < 0) {
                throw new UnexpectedOutputException(command, "negative number '" + s + "'", line);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException(command, "'" + s + "' is not a number (was -p given?)", line, e);
        }
    }
}
