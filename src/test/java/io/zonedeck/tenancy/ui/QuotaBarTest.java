package io.zonedeck.tenancy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.tenancy.QuotaLimit;
import org.junit.jupiter.api.Test;

class QuotaBarTest {
    @Test
    void levels_are_ok_below_80_percent_warning_below_100_and_full_from_100() {
        assertThat(QuotaBar.level(79, 100L)).isEqualTo(QuotaBar.OK);
        assertThat(QuotaBar.level(80, 100L)).isEqualTo(QuotaBar.WARNING);
        assertThat(QuotaBar.level(99, 100L)).isEqualTo(QuotaBar.WARNING);
        assertThat(QuotaBar.level(100, 100L)).isEqualTo(QuotaBar.FULL);
        assertThat(QuotaBar.level(120, 100L)).isEqualTo(QuotaBar.FULL);
        assertThat(QuotaBar.level(0, 0L)).isEqualTo(QuotaBar.FULL);
        assertThat(QuotaBar.level(5, null)).isEqualTo(QuotaBar.UNLIMITED);
    }

    @Test
    void the_text_says_used_of_limit_in_the_limits_unit() {
        assertThat(new QuotaBar(QuotaLimit.RAM, 6144, 8192L, null).text()).isEqualTo("6 GiB of 8 GiB");
        assertThat(new QuotaBar(QuotaLimit.MACHINES, 3, null, null).text()).isEqualTo("3 · unlimited");
    }
}
