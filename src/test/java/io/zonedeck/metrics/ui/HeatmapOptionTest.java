package io.zonedeck.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.metrics.HeatColumn;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Histogram columns become heatmap cells [x, y, count]: one per non-empty bucket, on rows labelled by latency. */
class HeatmapOptionTest {
    private static final long T0 = 1_700_000_000_000L; // 22:13:20 UTC, a whole second

    private static Histogram hist(long... valueCountPairs) {
        long[] dense = new long[Histogram.BUCKETS];
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            dense[Histogram.bucket(valueCountPairs[i])] += valueCountPairs[i + 1];
        }
        return Histogram.ofCounts(dense);
    }

    /** The cells as [x, y, count] (the fourth value is the colour: log10 of the count). */
    @SuppressWarnings("unchecked")
    private static List<List<Long>> cells(HeatmapOption.Heat heat) {
        List<Map<String, Object>> series =
                (List<Map<String, Object>>) heat.option().get("series");
        List<List<Number>> data = (List<List<Number>>) series.get(0).get("data");
        return data.stream()
                .map(c -> List.of(
                        c.get(0).longValue(), c.get(1).longValue(), c.get(2).longValue()))
                .toList();
    }

    /** An axis' category names (a row whose label is hidden is {value, textStyle}). */
    @SuppressWarnings("unchecked")
    private static List<String> axis(HeatmapOption.Heat heat, String axis) {
        List<Object> data = (List<Object>) ((Map<String, Object>) heat.option().get(axis)).get("data");
        return data.stream()
                .map(d -> d instanceof Map<?, ?> m ? (String) m.get("value") : (String) d)
                .toList();
    }

    /** The row labels shown on the axis: one per decade. */
    @SuppressWarnings("unchecked")
    private static List<String> shownRows(HeatmapOption.Heat heat) {
        List<Object> data = (List<Object>) ((Map<String, Object>) heat.option().get("yAxis")).get("data");
        return data.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    @Test
    void every_non_empty_bucket_becomes_one_cell_on_its_time_column_and_latency_row() {
        List<HeatColumn> columns = List.of(
                new HeatColumn(T0, hist(10, 5, 25, 3)), // 10µs ×5, 20–29µs ×3
                new HeatColumn(T0 + 1000, hist(1000, 2)), // 1ms ×2
                new HeatColumn(T0 + 3000, hist(12, 7))); // a second without samples in between
        HeatmapOption.Heat heat =
                HeatmapOption.build(HeatmapOption.bin(columns, 1000), 1000, "HH:mm:ss", ZoneOffset.UTC);

        // rows: whole decades, 10µs (the lowest non-empty) to 9ms (the end of the highest's decade): 3 × 9
        assertThat(heat.firstBucket()).isEqualTo(Histogram.bucket(10));
        assertThat(heat.lastBucket()).isEqualTo(Histogram.bucket(9000));
        List<String> rows = axis(heat, "yAxis");
        assertThat(rows)
                .hasSize(27)
                .startsWith("10µs", "20µs")
                .contains("90µs", "1ms")
                .endsWith("9ms");

        // columns: every second from the first to the last, the empty one included
        assertThat(axis(heat, "xAxis")).containsExactly("22:13:20", "22:13:21", "22:13:22", "22:13:23");
        assertThat(heat.columns()).isEqualTo(4);

        assertThat(cells(heat))
                .containsExactly(
                        List.of(0L, 0L, 5L), // 10µs
                        List.of(0L, 1L, 3L), // 20µs
                        List.of(1L, 18L, 2L), // 1ms: the first row of the third decade
                        List.of(3L, 0L, 7L)); // 12µs falls into the 10µs bucket
        assertThat(heat.cells()).isEqualTo(4);
        assertThat(rows.get(18)).isEqualTo("1ms");
        assertThat(shownRows(heat)).containsExactly("10µs", "100µs", "1ms");
        assertThat(heat.option()).doesNotContainKey("title");
        @SuppressWarnings("unchecked")
        Map<String, Object> visualMap = (Map<String, Object>) heat.option().get("visualMap");
        assertThat(visualMap).containsEntry("max", HeatmapOption.shade(7)).containsEntry("dimension", 3);
        assertThat(HeatmapOption.shade(1000)).isEqualTo(3.0);
    }

    @Test
    void columns_are_summed_into_bins() {
        List<HeatColumn> columns = List.of(
                new HeatColumn(T0, hist(100, 1)),
                new HeatColumn(T0 + 4000, hist(100, 2, 5000, 1)),
                new HeatColumn(T0 + 10_000, hist(100, 4)),
                new HeatColumn(T0 + 11_000, null)); // not measured: no column
        TreeMap<Long, Histogram> bins = HeatmapOption.bin(columns, 10_000);
        assertThat(bins).hasSize(2);
        assertThat(bins.firstEntry().getValue()).isEqualTo(hist(100, 3, 5000, 1));
        assertThat(bins.lastEntry().getValue()).isEqualTo(hist(100, 4));
        HeatmapOption.Heat heat = HeatmapOption.build(bins, 10_000, "HH:mm:ss", ZoneOffset.UTC);
        assertThat(heat.cells()).isEqualTo(3);
        assertThat(heat.columns()).isEqualTo(2);
    }

    @Test
    void labels_run_from_below_a_microsecond_to_ten_seconds() {
        assertThat(HeatmapOption.label(0)).isEqualTo("<1µs");
        assertThat(HeatmapOption.label(1)).isEqualTo("1µs");
        assertThat(HeatmapOption.label(Histogram.bucket(250))).isEqualTo("200µs");
        assertThat(HeatmapOption.label(Histogram.bucket(3_500))).isEqualTo("3ms");
        assertThat(HeatmapOption.label(Histogram.bucket(1_000_000))).isEqualTo("1s");
        assertThat(HeatmapOption.label(Histogram.BUCKETS - 1)).isEqualTo("≥10s");
    }

    @Test
    void no_samples_draw_no_cells_and_say_so() {
        HeatmapOption.Heat heat = HeatmapOption.build(new TreeMap<>(), 1000, "HH:mm:ss", ZoneOffset.UTC);
        assertThat(heat.cells()).isZero();
        assertThat(cells(heat)).isEmpty();
        assertThat(heat.option()).containsKey("title");
        assertThat(heat.option().get("title").toString()).contains("No samples yet");
    }
}
