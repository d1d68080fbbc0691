package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.VrrpSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeepalivedConfigTest {
    private static final UUID M = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final MachineNet NET = new MachineNet("zd-m1", "eth0", "10.88.0.11", 24);
    private static final Path NOTIFY = Path.of("/var/lib/zonedeck/vrrp/x/notify.sh");

    private static VrrpSpec spec(int priority, int intervalMs, boolean preempt, boolean accept, List<String> vips) {
        return new VrrpSpec(42, "10.88.0.11", priority, intervalMs, preempt, accept, vips, "admin", 0);
    }

    @Test
    void a_spec_becomes_a_vrrpv3_instance_on_the_machines_interface() {
        String conf = KeepalivedConfig.render(M, spec(200, 1000, true, true, List.of("10.88.0.100")), NET, NOTIFY);

        assertThat(conf)
                .contains("vrrp_instance zd_42 {")
                .contains("    state BACKUP\n")
                .contains("    interface eth0\n")
                .contains("    virtual_router_id 42\n")
                .contains("    priority 200\n")
                .contains("    version 3\n")
                .contains("    advert_int 1.00\n")
                .contains("    accept\n")
                .contains("        10.88.0.100/24 dev eth0\n")
                .contains("    notify \"/var/lib/zonedeck/vrrp/x/notify.sh\"\n")
                .doesNotContain("nopreempt")
                .doesNotContain("unicast");
    }

    @Test
    void preempt_off_becomes_nopreempt_except_for_the_address_owner_which_keepalived_always_lets_preempt() {
        assertThat(KeepalivedConfig.render(M, spec(100, 1000, false, true, List.of("10.88.0.100")), NET, NOTIFY))
                .contains("    nopreempt\n");
        assertThat(KeepalivedConfig.render(M, spec(255, 1000, false, true, List.of("10.88.0.100")), NET, NOTIFY))
                .doesNotContain("nopreempt");
    }

    @Test
    void accept_off_is_no_accept_and_a_vip_with_its_own_prefix_keeps_it() {
        String conf = KeepalivedConfig.render(
                M, spec(100, 1000, true, false, List.of("10.88.0.100", "192.168.7.1/32")), NET, NOTIFY);

        assertThat(conf)
                .contains("    no_accept\n")
                .contains("        10.88.0.100/24 dev eth0\n")
                .contains("        192.168.7.1/32 dev eth0\n");
    }

    @Test
    void advert_interval_is_in_seconds_rounded_to_the_centiseconds_of_vrrpv3() {
        assertThat(KeepalivedConfig.advertInt(1000)).isEqualTo("1.00");
        assertThat(KeepalivedConfig.advertInt(250)).isEqualTo("0.25");
        assertThat(KeepalivedConfig.advertInt(10)).isEqualTo("0.01");
        assertThat(KeepalivedConfig.advertInt(14)).isEqualTo("0.01");
        assertThat(KeepalivedConfig.advertInt(15)).isEqualTo("0.02");
        assertThat(KeepalivedConfig.advertInt(40950)).isEqualTo("40.95");
    }

    @Test
    void the_notify_script_appends_epoch_ms_and_keepalived_arguments_to_the_state_log() {
        assertThat(KeepalivedConfig.notifyScript(Path.of("/s/it's/state.log")))
                .startsWith("#!/bin/sh\n")
                .contains("echo \"$(date +%s%3N) $1 $2 $3 $4\" >> '/s/it'\\''s/state.log'\n");
    }
}
