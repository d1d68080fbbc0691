package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.DriverException;
import org.junit.jupiter.api.Test;

class ThrottlesTest {
    static final long PERIOD = 100_000;

    static Throttles t(int cap, int shares, int baseline, int burst) {
        return new Throttles(cap, shares, baseline, burst, 100, 0, 0, 256, 2000);
    }

    @Test
    void a_cap_is_its_share_of_the_period_and_no_cap_is_unlimited() {
        assertThat(t(50, 100, 0, 0).quotaUs(PERIOD)).isEqualTo(50_000);
        assertThat(t(250, 100, 0, 0).quotaUs(PERIOD)).isEqualTo(250_000);
        assertThat(t(0, 100, 0, 0).quotaUs(PERIOD)).isEqualTo(-1);
        assertThat(t(0, 100, 0, 0).burstUs(PERIOD)).isZero();
    }

    @Test
    void a_tiny_cap_is_held_at_the_kernels_1_ms_minimum() {
        assertThat(t(1, 100, 0, 0).quotaUs(10_000)).isEqualTo(1000);
    }

    @Test
    void a_bursting_machine_gets_its_baseline_as_quota_and_a_burst_bounded_by_it() {
        Throttles b = t(200, 100, 50, 10);
        assertThat(b.bursting()).isTrue();
        assertThat(b.quotaUs(PERIOD)).isEqualTo(50_000);
        // the credit is 150 % of a CPU for 10 s = 15 s of CPU, far more than one quota: the kernel bound wins
        assertThat(b.burstUs(PERIOD)).isEqualTo(50_000);
        // a tiny credit stays below the bound
        assertThat(new Throttles(60, 100, 50, 0, 100, 0, 0, 256, 0).burstUs(PERIOD))
                .isZero();
    }

    @Test
    void a_baseline_not_below_the_cap_is_a_plain_cap() {
        Throttles b = t(50, 100, 50, 10);
        assertThat(b.bursting()).isFalse();
        assertThat(b.quotaUs(PERIOD)).isEqualTo(50_000);
        assertThat(b.burstUs(PERIOD)).isZero();
    }

    @Test
    void shares_keep_their_ratio_exactly_in_v1_and_v2() {
        assertThat(t(0, 200, 0, 0).v1Shares()).isEqualTo(2 * t(0, 100, 0, 0).v1Shares());
        assertThat(t(0, 100, 0, 0).v1Shares()).isEqualTo(1000);
        assertThat(t(0, 200, 0, 0).v2Weight()).isEqualTo(200);
        assertThat(t(0, 100, 0, 0).v2Weight()).isEqualTo(100);
        assertThat(t(0, 1, 0, 0).v1Shares()).isEqualTo(10);
        assertThat(t(0, 65535, 0, 0).v2Weight()).isEqualTo(10_000);
        assertThat(t(0, 65535, 0, 0).v1Shares()).isEqualTo(262_144);
    }

    @Test
    void io_priority_is_clamped_into_each_weight_range() {
        Throttles x = new Throttles(0, 100, 0, 0, 5, 0, 0, 256, 0);
        assertThat(x.ioWeight(10, 1000)).isEqualTo(10);
        assertThat(x.ioWeight(1, 10000)).isEqualTo(5);
        assertThat(new Throttles(0, 100, 0, 0, 0, 0, 0, 256, 0).ioWeight(1, 1000))
                .isEqualTo(1);
    }

    @Test
    void memory_is_mib_in_bytes() {
        assertThat(t(0, 100, 0, 0).memoryBytes()).isEqualTo(256L << 20);
    }

    @Test
    void an_update_changes_only_what_it_names_and_rejects_nonsense() throws DriverException {
        Throttles before = t(100, 100, 0, 0);
        Throttles after =
                before.with(UpdatePayload.none().withThrottles(30, null, null, null, null, 4L << 20, null, 512L, null));
        assertThat(after).isEqualTo(new Throttles(30, 100, 0, 0, 100, 4L << 20, 0, 512, 2000));
        assertThatThrownBy(() -> before.with(
                        UpdatePayload.none().withThrottles(-1, null, null, null, null, null, null, null, null)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("cpu_cap must be >= 0");
        assertThatThrownBy(() -> before.with(
                        UpdatePayload.none().withThrottles(null, 0, null, null, null, null, null, null, null)))
                .hasMessageContaining("cpu_shares");
    }
}
