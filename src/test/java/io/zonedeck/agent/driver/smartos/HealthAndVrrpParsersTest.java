package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.api.VrrpState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** svcs, fmadm and vrrpadm. */
class HealthAndVrrpParsersTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void svcs_lists_every_service_with_stime_and_the_reasons_of_svcs_xv() throws Exception {
        List<SmfService> s = SvcsParser.parse(Recorded.read("svcs-list.txt"), Recorded.read("svcs-xv.txt"), NOW);
        assertThat(s).hasSize(11);
        assertThat(s.get(0))
                .isEqualTo(new SmfService(
                        "lrc:/etc/rc2_d/S20sysetup",
                        "legacy_run",
                        Instant.parse("2026-11-24T00:00:00Z").toEpochMilli(),
                        null));
        SmfService zones = s.stream()
                .filter(x -> x.fmri().equals("svc:/system/zones:default"))
                .findFirst()
                .orElseThrow();
        assertThat(zones.state()).as("online* is online in transition").isEqualTo("online");
        assertThat(zones.since())
                .isEqualTo(Instant.parse("2026-11-25T06:12:09Z").toEpochMilli());
        SmfService metadata = s.stream()
                .filter(x -> x.state().equals("maintenance"))
                .findFirst()
                .orElseThrow();
        assertThat(metadata.reason()).isEqualTo("Start method exited with $SMF_EXIT_ERR_FATAL.");
        SmfService ntp = s.stream()
                .filter(x -> x.fmri().equals("svc:/network/ntp:default"))
                .findFirst()
                .orElseThrow();
        assertThat(ntp.reason())
                .isEqualTo("Degraded by an administrator: restarter svc:/system/svc/restarter:default received "
                        + "\"degrade\" request.");
        assertThat(s.stream().filter(x -> x.state().equals("online")))
                .allSatisfy(x -> assertThat(x.reason()).isNull());
    }

    @Test
    void svcs_output_it_does_not_know_is_refused_with_the_line() {
        assertThatThrownBy(() -> SvcsParser.parse("sleeping Nov_24 svc:/x:default\n", "", NOW))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("svcs -H -o state,stime,fmri")
                .hasMessageContaining("unknown SMF state 'sleeping'");
        assertThatThrownBy(() -> SvcsParser.parse("online yesterday svc:/x:default\n", "", NOW))
                .hasMessageContaining("stime 'yesterday'");
        assertThatThrownBy(() -> SvcsParser.parse("online svc:/x:default\n", "", NOW))
                .hasMessageContaining("expected 'state stime fmri'");
        assertThatThrownBy(() -> SvcsParser.parseReasons("Reason: nothing to explain\n"))
                .hasMessageContaining("svcs -xv");
    }

    @Test
    void fmadm_faulty_reads_each_problem() throws Exception {
        List<FmaFault> f = FmadmParser.parse(Recorded.read("fmadm-faulty.txt"), NOW);
        assertThat(f)
                .containsExactly(
                        new FmaFault(
                                "6f2f3c1e-7e5b-c5a8-e0a1-b1a47e9b1e62",
                                "ZFS-8000-FD",
                                "Major",
                                "zfs://pool=zones/vdev=5c3a1d2b8e7f4a10",
                                "The number of I/O errors associated with a ZFS device exceeded acceptable levels.",
                                Instant.parse("2026-11-24T10:15:32Z").toEpochMilli()),
                        new FmaFault(
                                "0d9c2a44-51e3-e7b1-8f6a-92c1d3e4f5a6",
                                "SUNOS-8000-J0",
                                "Minor",
                                "dev:////pci@0,0/pci8086,2030@0/pci15d9,1b00@0",
                                "A problem was detected for a PCIEX device.",
                                Instant.parse("2026-11-03T22:01:09Z").toEpochMilli()));
        assertThat(FmadmParser.parse("", NOW)).isEmpty();
    }

    @Test
    void fmadm_output_it_does_not_know_is_refused() {
        assertThatThrownBy(() -> FmadmParser.parse("fmadm: failed to connect to fmd: RPC: Rpcbind failure\n", NOW))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("fmadm faulty")
                .hasMessageContaining("before the first problem");
        assertThatThrownBy(() -> FmadmParser.parse(
                        "Nov 24 10:15:32 6f2f3c1e-7e5b-c5a8-e0a1-b1a47e9b1e62  ZFS-8000-FD    Catastrophic\n", NOW))
                .hasMessageContaining("unknown severity 'Catastrophic'");
    }

    @Test
    void vrrpadm_parsable_output_reads_state_peer_and_times() throws Exception {
        List<VrrpadmParser.Router> r = VrrpadmParser.parse(Recorded.read("vrrpadm-show-router.txt"));
        assertThat(r).hasSize(3);
        assertThat(r.get(0))
                .isEqualTo(new VrrpadmParser.Router(
                        "zd42",
                        42,
                        254,
                        1000,
                        true,
                        true,
                        true,
                        VrrpState.MASTER,
                        VrrpState.BACKUP,
                        725_000,
                        "10.88.0.21",
                        List.of("10.88.0.100"),
                        null,
                        null,
                        null));
        assertThat(r.get(1))
                .isEqualTo(new VrrpadmParser.Router(
                        "zd43",
                        43,
                        100,
                        100,
                        true,
                        true,
                        true,
                        VrrpState.BACKUP,
                        VrrpState.INIT,
                        14_254,
                        "10.88.0.21",
                        List.of("10.88.0.101", "10.88.0.102"),
                        "10.88.0.22",
                        200,
                        80L));
        assertThat(r.get(2).enabled()).isFalse();
        assertThat(r.get(2).accept()).isFalse();
        assertThat(r.get(2).state()).isEqualTo(VrrpState.INIT);
    }

    @Test
    void vrrpadm_escaped_ipv6_colons_stay_inside_the_field() {
        assertThat(VrrpadmParser.split("a:fe80\\:\\:1:b")).containsExactly("a", "fe80::1", "b");
    }

    @Test
    void vrrpadm_output_it_does_not_know_is_refused_with_the_line() {
        assertThatThrownBy(() -> VrrpadmParser.parse("NAME VRID LINK\n"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("vrrpadm show-router")
                .hasMessageContaining("expected 13");
        assertThatThrownBy(() ->
                        VrrpadmParser.parse("zd1:1:100:1000:e-pa-:DANCING:INIT:1.000s:1.1.1.1:2.2.2.2:--:0:0.000s"))
                .hasMessageContaining("unknown router state 'DANCING'");
        assertThatThrownBy(
                        () -> VrrpadmParser.parse("zd1:1:100:1000:e-pa-:MASTER:INIT:soon:1.1.1.1:2.2.2.2:--:0:0.000s"))
                .hasMessageContaining("time 'soon'");
        assertThatThrownBy(
                        () -> VrrpadmParser.parse("zd1:1:100:1000:yes:MASTER:INIT:1.000s:1.1.1.1:2.2.2.2:--:0:0.000s"))
                .hasMessageContaining("MODE 'yes'");
        assertThat(Map.of()).isEmpty();
    }
}
