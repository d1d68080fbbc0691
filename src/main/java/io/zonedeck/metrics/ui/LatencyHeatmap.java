package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.AttachEvent;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.Coverage;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.HeatColumn;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.Window;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A machine's latency distribution (system calls, disk I/O or run-queue) as a heatmap over a {@link Window}, read
 * through {@link MetricsService}: at most {@value #MAX_COLUMNS} columns, each the sum of the seconds or minutes of
 * its bin. Live windows add the new seconds every {@link #tick()} and redraw (the option is replaced, cheap at this
 * size); history windows reload once a minute.
 *
 * <p>For tests the element carries {@code data-latency-cells} (non-empty cells drawn), {@code data-heat-columns},
 * {@code data-distribution}, {@code data-window} and {@code data-unavailable} (the machine's node does not measure
 * the distribution: the heatmap says so instead of showing an empty grid).
 */
public class LatencyHeatmap extends EChart {
    static final int MAX_COLUMNS = 60;

    private final MetricsService metrics;
    private final UUID machine;
    private final Clock clock;
    private final ZoneId zone;
    private Window window = Window.LIVE_10M;
    private Distribution distribution = Distribution.SYSCALL_LATENCY;
    private TreeMap<Long, Histogram> bins = new TreeMap<>();
    private long lastSeen;
    private long loadedAt;
    private int cells;
    private Coverage coverage = Coverage.EVERYTHING;

    public LatencyHeatmap(MetricsService metrics, UUID machine, Clock clock, ZoneId zone) {
        this.metrics = metrics;
        this.machine = machine;
        this.clock = clock;
        this.zone = zone;
        setHeight("250px");
    }

    public void setWindow(Window window) {
        this.window = window;
        if (isAttached()) {
            reload();
        }
    }

    public void setDistribution(Distribution distribution) {
        this.distribution = distribution;
        if (isAttached()) {
            reload();
        }
    }

    public Distribution distribution() {
        return distribution;
    }

    /** Non-empty cells drawn. */
    public int cells() {
        return cells;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        reload();
    }

    /** Bin width: the window in {@value #MAX_COLUMNS} columns, a whole number of the resolution's steps. */
    long binMillis() {
        long step = window.resolution().millis();
        long perColumn = window.millis() / MAX_COLUMNS;
        return Math.max(step, perColumn / step * step);
    }

    /** Once a second: live windows add the new seconds and redraw; history windows reload once a minute. */
    public int tick() {
        if (!window.live()) {
            if (clock.millis() - loadedAt >= MetricChart.HISTORY_REFRESH_MILLIS) {
                reload();
                return bins.size();
            }
            return 0;
        }
        List<HeatColumn> fresh = read(lastSeen);
        if (fresh.isEmpty() || unavailable()) {
            return 0;
        }
        HeatmapOption.bin(fresh, binMillis()).forEach((t, h) -> bins.merge(t, h, Histogram::plus));
        lastSeen = fresh.get(fresh.size() - 1).t();
        long oldest = Math.floorDiv(lastSeen - window.millis(), binMillis()) * binMillis();
        bins.headMap(oldest, false).clear();
        draw();
        return fresh.size();
    }

    /** Whether the machine's node measures the distribution shown (else the heatmap says so, empty). */
    public boolean unavailable() {
        return !coverage.measures(distribution);
    }

    /** Reads the whole window again and redraws. */
    public void reload() {
        try {
            coverage = metrics.coverage(machine);
        } catch (ZoneDeckException e) {
            coverage = Coverage.EVERYTHING;
        }
        List<HeatColumn> all = unavailable() ? List.of() : read(0);
        bins = HeatmapOption.bin(all, binMillis());
        lastSeen = all.isEmpty() ? 0 : all.get(all.size() - 1).t();
        loadedAt = clock.millis();
        draw();
    }

    private void draw() {
        HeatmapOption.Heat heat = HeatmapOption.build(bins, binMillis(), pattern(), zone);
        if (unavailable()) {
            java.util.Map<String, Object> option = new java.util.HashMap<>(heat.option());
            option.put("title", EmptyState.title(coverage.notMeasured()));
            setOption(option);
        } else {
            setOption(heat.option());
        }
        getElement().setAttribute("data-unavailable", String.valueOf(unavailable()));
        cells = heat.cells();
        getElement().setAttribute("data-latency-cells", String.valueOf(heat.cells()));
        getElement().setAttribute("data-heat-columns", String.valueOf(heat.columns()));
        getElement().setAttribute("data-distribution", distribution.key());
        getElement().setAttribute("data-window", window.label());
    }

    private String pattern() {
        long bin = binMillis();
        if (bin < 60_000) {
            return "HH:mm:ss";
        }
        return window.millis() <= 86_400_000L ? "HH:mm" : "EEE HH:mm";
    }

    private List<HeatColumn> read(long after) {
        try {
            return metrics.machineHeat(machine, distribution, window, after);
        } catch (ZoneDeckException e) {
            return List.of();
        }
    }
}
