package io.zonedeck.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.metrics.Metric;
import org.junit.jupiter.api.Test;

class MachineChartsTest {

    static Row row(double cap, double baseline, double credit) {
        double[] v = new double[Metric.values().length];
        v[Metric.CPU_CAP.ordinal()] = cap;
        v[Metric.CPU_BASELINE.ordinal()] = baseline;
        v[Metric.BURST_CREDIT.ordinal()] = credit;
        return new Row(0, v);
    }

    @Test
    void a_machine_bursts_while_it_has_credit_or_no_limit_and_its_cap_is_above_its_baseline() {
        assertThat(MachineCharts.bursting(row(200, 18, 30))).isTrue();
        assertThat(MachineCharts.bursting(row(200, 18, Metric.UNLIMITED_BURST)))
                .as("a SmartOS zone with burst_limit_sec 0")
                .isTrue();
        assertThat(MachineCharts.bursting(row(200, 18, 0)))
                .as("held to its baseline")
                .isFalse();
        assertThat(MachineCharts.bursting(row(200, 0, Metric.UNLIMITED_BURST)))
                .as("no baseline")
                .isFalse();
        assertThat(MachineCharts.bursting(row(18, 18, Metric.UNLIMITED_BURST)))
                .as("no room above")
                .isFalse();
    }
}
