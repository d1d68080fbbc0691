package io.zonedeck.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Axis units step up as values grow; rows join series by time and average down to a drawable size. */
class UnitTest {
    @Test
    void byte_rates_and_microseconds_pick_a_readable_step() {
        assertThat(Unit.BYTES_PER_SECOND.scaleFor(900).label()).isEqualTo("B/s");
        assertThat(Unit.BYTES_PER_SECOND.scaleFor(5 * 1024).label()).isEqualTo("KiB/s");
        assertThat(Unit.BYTES_PER_SECOND.scaleFor(3.5 * 1024 * 1024).apply(3.5 * 1024 * 1024))
                .isEqualTo(3.5);
        assertThat(Unit.MICROS.scaleFor(1500).label()).isEqualTo("ms");
        assertThat(Unit.MICROS.format(1500)).isEqualTo("1.5 ms");
        assertThat(Unit.BYTES_PER_SECOND.format(2 * 1024 * 1024)).isEqualTo("2 MiB/s");
        assertThat(Unit.PERCENT.format(25)).isEqualTo("25 %");
        Unit.Scale kib = Unit.BYTES_PER_SECOND.scaleFor(2048);
        assertThat(Unit.BYTES_PER_SECOND.outgrows(kib, 1000 * 1024)).isFalse();
        assertThat(Unit.BYTES_PER_SECOND.outgrows(kib, 2 * 1024 * 1024)).isTrue();
    }

    @Test
    void rows_join_series_by_time_and_downsample_by_mean() {
        Series cpu = new Series(new long[] {1000, 2000, 3000, 4000}, new double[] {10, 20, 30, 40});
        Series cap = new Series(new long[] {2000, 3000, 4000}, new double[] {50, 50, 60});
        List<Row> rows = Row.join(Map.of(Metric.CPU, cpu, Metric.CPU_CAP, cap));
        assertThat(rows).extracting(Row::t).containsExactly(1000L, 2000L, 3000L, 4000L);
        assertThat(rows.get(0).get(Metric.CPU_CAP)).isNaN();
        assertThat(rows.get(3).get(Metric.CPU_CAP)).isEqualTo(60);

        List<Row> two = Row.downsample(rows, 2);
        assertThat(two).extracting(Row::t).containsExactly(1000L, 3000L);
        assertThat(two.get(0).get(Metric.CPU)).isEqualTo(15);
        assertThat(two.get(0).get(Metric.CPU_CAP)).isEqualTo(50); // the NaN is skipped, not counted as 0
        assertThat(two.get(1).get(Metric.CPU_CAP)).isEqualTo(55);
    }

    @Test
    void the_burst_band_is_drawn_only_while_a_baseline_below_the_cap_has_credit() {
        Series cap = new Series(new long[] {1, 2, 3}, new double[] {100, 100, 100});
        Series baseline = new Series(new long[] {1, 2, 3}, new double[] {20, 20, 0});
        Series credit = new Series(new long[] {1, 2, 3}, new double[] {30, 0, 30});
        List<Row> rows =
                Row.join(Map.of(Metric.CPU_CAP, cap, Metric.CPU_BASELINE, baseline, Metric.BURST_CREDIT, credit));
        assertThat(rows).extracting(MachineCharts::bursting).containsExactly(true, false, false);
    }
}
