package io.zonedeck.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.metrics.HeatColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Histogram columns → heatmap cells: bins, rows trimmed to whole decades, counts kept. */
class LatencyHeatTest {
    static Histogram of(long[]... pairs) {
        return Histogram.of(List.of(pairs));
    }

    @Test
    void cells_land_in_the_bucket_row_and_time_bin_of_their_values() {
        long t0 = 1_000_000_000_000L;
        List<HeatColumn> columns = List.of(
                new HeatColumn(t0, of(new long[] {20, 5}, new long[] {300, 2})),
                new HeatColumn(t0 + 1000, of(new long[] {20, 1})),
                new HeatColumn(t0 + 2000, of(new long[] {25, 4})));

        LatencyHeat heat = LatencyHeat.of(columns, t0, t0 + 2000, 1000);

        // 20 µs and 300 µs: decades 10 µs and 100 µs, so rows start at 10 µs and end at 1 ms
        assertThat(heat.rowLabels()).startsWith("10µs", "20µs", "30µs").endsWith("900µs", "1ms");
        assertThat(heat.rows()).isEqualTo(19);
        assertThat(heat.times()).containsExactly(t0, t0 + 1000, t0 + 2000);
        assertThat(heat.cells())
                .containsExactlyInAnyOrder(
                        new long[] {0, 1, 5}, // 20 µs row
                        new long[] {0, 11, 2}, // 300 µs row
                        new long[] {1, 1, 1},
                        new long[] {2, 1, 4}); // 25 µs is in the 20 µs bucket
        assertThat(heat.totalCount()).isEqualTo(12);
        assertThat(heat.maxCount()).isEqualTo(5);
    }

    @Test
    void wide_bins_merge_columns_and_sub_microsecond_values_show_in_the_first_row() {
        long t0 = 1_000_000_020_000L;
        List<HeatColumn> columns = List.of(
                new HeatColumn(t0, of(new long[] {0, 3}, new long[] {1, 1})),
                new HeatColumn(t0 + 1000, of(new long[] {1, 2})),
                new HeatColumn(t0 + 30_000, of(new long[] {2_000_000, 7})));

        LatencyHeat heat = LatencyHeat.of(columns, t0, t0 + 30_000, 30_000);

        assertThat(heat.times()).hasSize(2);
        assertThat(heat.rowLabels().get(0)).isEqualTo("1µs");
        assertThat(heat.rowLabels()).contains("1ms", "1s", "2s", "10s");
        int twoSeconds = heat.rowLabels().indexOf("2s");
        assertThat(heat.cells()).containsExactlyInAnyOrder(new long[] {0, 0, 6}, new long[] {1, twoSeconds, 7});
        // every ninth row is a power of ten, so the axis labels only those
        for (int r = 0; r < heat.rows(); r += LatencyHeat.DECADE) {
            assertThat(heat.rowLabels().get(r)).matches("1(0*)(µs|ms|s)|10s|100(µs|ms)");
        }
    }

    @Test
    void no_samples_no_cells() {
        LatencyHeat heat = LatencyHeat.of(List.of(new HeatColumn(5000, Histogram.EMPTY)), 0, 59_000, 1000);
        assertThat(heat.cells()).isEmpty();
        assertThat(heat.times()).hasSize(60);
    }

    @Test
    void labels_read_like_llquantize() {
        assertThat(LatencyHeat.label(1)).isEqualTo("1µs");
        assertThat(LatencyHeat.label(500)).isEqualTo("500µs");
        assertThat(LatencyHeat.label(2000)).isEqualTo("2ms");
        assertThat(LatencyHeat.label(1_000_000)).isEqualTo("1s");
        assertThat(LatencyHeat.label(10_000_000)).isEqualTo("10s");
    }
}
