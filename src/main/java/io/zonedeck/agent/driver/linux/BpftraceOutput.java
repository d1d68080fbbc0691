package io.zonedeck.agent.driver.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.Histogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * Reads the {@code bpftrace -f json} output of {@link BpftraceLatency#PROGRAM}, line by line, into one {@link
 * BpftraceInterval} per second.
 *
 * <p>Every second the program prints {@code @runq}, {@code @disk} (keys {@code "<tid>,<lower_us>"}) and {@code
 * @devlat} (keys {@code "<dev_t>,<lower_us>"}) as JSON map lines (the llquantize(10, 0, 6, 10) lower bound is computed in the kernel, so the conversion to
 * {@link Histogram} is exact, as docs/metric-sources.md prescribes), then a {@code printf} line {@code "end"} that
 * closes the interval. Maps printed without a following {@code "end"} (bpftrace dumps all maps when it exits) are
 * dropped.
 *
 * <p>Keys are kernel task ids: {@code tgidOf} folds threads into their process (tgid); tid 0 (the idle task) is
 * dropped. Malformed lines or entries are skipped and counted; the first one is logged. Not thread-safe: one reader
 * thread feeds it.
 */
final class BpftraceOutput {
    private static final System.Logger LOG = System.getLogger(BpftraceOutput.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntUnaryOperator tgidOf;
    private Map<Integer, List<long[]>> runq = new HashMap<>();
    private Map<Integer, List<long[]>> disk = new HashMap<>();
    private Map<Integer, List<long[]>> devices = new HashMap<>();
    private boolean attached;
    private long malformed;

    /** @param tgidOf maps a kernel task id to its process id (identity when unknown) */
    BpftraceOutput(IntUnaryOperator tgidOf) {
        this.tgidOf = tgidOf;
    }

    /** Whether bpftrace reported its probes attached. */
    boolean attached() {
        return attached;
    }

    /** How many lines or map entries were malformed so far. */
    long malformed() {
        return malformed;
    }

    /** Feeds one output line; returns the interval it completes, if it is the {@code "end"} marker. */
    Optional<BpftraceInterval> accept(String line, long now) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            malformed("not JSON", line);
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            malformed("not a JSON object", line);
            return Optional.empty();
        }
        String type = node.path("type").asText("");
        JsonNode data = node.path("data");
        switch (type) {
            case "attached_probes" -> attached = true;
            case "map" -> readMaps(data, line);
            case "printf" -> {
                if ("end".equals(data.asText("").trim())) {
                    return Optional.of(finish(now));
                }
            }
            default -> {
                // time, lost_events, join, ...: nothing for us
            }
        }
        return Optional.empty();
    }

    private void readMaps(JsonNode data, String line) {
        if (!data.isObject()) {
            malformed("map without data object", line);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> map = it.next();
            Map<Integer, List<long[]>> target = switch (map.getKey()) {
                case "@runq" -> runq;
                case "@disk" -> disk;
                case "@devlat" -> devices;
                default -> null;
            };
            if (target == null) {
                continue;
            }
            if (!map.getValue().isObject()) {
                malformed(map.getKey() + " is not a JSON object", line);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> e = map.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = e.next();
                addEntry(target, entry.getKey(), entry.getValue(), line);
            }
        }
    }

    private void addEntry(Map<Integer, List<long[]>> target, String key, JsonNode value, String line) {
        int comma = key.indexOf(',');
        long tid;
        long lower;
        try {
            if (comma < 0) {
                throw new NumberFormatException("no comma");
            }
            tid = Long.parseLong(key.substring(0, comma).trim());
            lower = Long.parseLong(key.substring(comma + 1).trim());
        } catch (NumberFormatException e) {
            malformed("key " + key + " is not \"<tid>,<lower_us>\"", line);
            return;
        }
        if (!value.isIntegralNumber()
                || value.asLong() < 0
                || tid < 0
                || tid > (target == devices ? 0xFFFFFFFFL : Integer.MAX_VALUE)
                || lower < 0) {
            malformed("entry " + key + ": " + value + " is not a count", line);
            return;
        }
        if ((tid == 0 && target != devices) || value.asLong() == 0) {
            return;
        }
        int pid = target == devices ? (int) tid : tgidOf.applyAsInt((int) tid);
        target.computeIfAbsent(pid, p -> new ArrayList<>()).add(new long[] {lower, value.asLong()});
    }

    private BpftraceInterval finish(long now) {
        Map<String, Histogram> byDevice = new HashMap<>();
        histograms(devices).forEach((dev, h) -> byDevice.put(deviceName(dev), h));
        BpftraceInterval interval = new BpftraceInterval(now, histograms(runq), histograms(disk), byDevice);
        runq = new HashMap<>();
        disk = new HashMap<>();
        devices = new HashMap<>();
        return interval;
    }

    /** The kernel's internal dev_t (major &lt;&lt; 20 | minor) as "major:minor". */
    static String deviceName(int dev) {
        return (dev >>> 20) + ":" + (dev & 0xfffff);
    }

    private static Map<Integer, Histogram> histograms(Map<Integer, List<long[]>> pairs) {
        Map<Integer, Histogram> out = new HashMap<>();
        pairs.forEach((pid, p) -> out.put(pid, Histogram.of(p)));
        return out;
    }

    private void malformed(String what, String line) {
        if (malformed++ == 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "bpftrace: skipping malformed output (" + what + "): "
                            + (line.length() > 200 ? line.substring(0, 200) + "…" : line)
                            + " (further ones are counted, not logged)");
        }
    }
}
