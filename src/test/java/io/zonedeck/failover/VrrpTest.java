package io.zonedeck.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VrrpTest {
    @Test
    void skew_and_master_down_interval_follow_rfc_5798() {
        assertThat(Vrrp.skewMillis(100, 1000)).isCloseTo(609.375, within(1e-9));
        assertThat(Vrrp.masterDownMillis(100, 1000)).isCloseTo(3609.375, within(1e-9));
        assertThat(Vrrp.skewMillis(255, 1000)).isCloseTo(3.90625, within(1e-9));
        assertThat(Vrrp.masterDownMillis(200, 100)).isCloseTo(321.875, within(1e-9));
    }

    @Test
    void virtual_mac_carries_the_vrid_in_hex() {
        assertThat(Vrrp.mac(1)).isEqualTo("00:00:5e:00:01:01");
        assertThat(Vrrp.mac(255)).isEqualTo("00:00:5e:00:01:ff");
    }
}
