package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KstatParserTest {
    static final UUID WEB = UUID.fromString("5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11");
    static final UUID DB = UUID.fromString("e1f0b3c4-9d8a-4b7c-a6e5-d4c3b2a1f033");

    @Test
    void kstat_p_lines_group_into_kstats_with_their_statistics() throws Exception {
        List<KstatParser.Kstat> ks = KstatParser.parse("kstat -p", Recorded.read("kstat-1.txt"));
        KstatParser.Kstat caps = ks.stream()
                .filter(k -> k.name().equals("cpucaps_zone_12"))
                .findFirst()
                .orElseThrow();
        assertThat(caps.module()).isEqualTo("caps");
        assertThat(caps.instance()).isEqualTo(12);
        assertThat(caps.number("value")).isEqualTo(100);
        assertThat(caps.get("zonename")).isEqualTo(WEB.toString());
        assertThat(caps.snaptimeNs()).isEqualTo(86400e9);
        KstatParser.Kstat mem = ks.stream()
                .filter(k -> k.module().equals("memory_cap") && k.instance() == 12)
                .findFirst()
                .orElseThrow();
        assertThat(mem.name())
                .as("kstat names are the zone name cut to 30 characters")
                .hasSize(30);
    }

    @Test
    void a_tab_copied_as_spaces_reads_the_same() throws Exception {
        List<KstatParser.Kstat> ks = KstatParser.parse(
                "kstat -p", "caps:12:cpucaps_zone_12:usage     37\ncaps:12:cpucaps_zone_12:zonename\tweb 1\n");
        assertThat(ks.get(0).number("usage")).isEqualTo(37);
        assertThat(ks.get(0).get("zonename"))
                .as("after a TAB, the value keeps its blanks")
                .isEqualTo("web 1");
    }

    @Test
    void a_name_containing_colons_keeps_them() throws Exception {
        List<KstatParser.Kstat> ks = KstatParser.parse("kstat -p", "link:0:odd:name:rbytes64\t5\n");
        assertThat(ks.get(0).name()).isEqualTo("odd:name");
        assertThat(ks.get(0).get("rbytes64")).isEqualTo("5");
    }

    @Test
    void strict_parsing_refuses_a_bad_line_and_names_it() {
        assertThatThrownBy(() -> KstatParser.parse("kstat -p", "caps:12:cpucaps_zone_12:usage\n"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("kstat -p")
                .hasMessageContaining("no TAB")
                .hasMessageContaining("caps:12:cpucaps_zone_12:usage");
        assertThatThrownBy(() -> KstatParser.parse("kstat -p", "caps:twelve:x:usage\t37\n"))
                .hasMessageContaining("instance is not a number");
        assertThatThrownBy(() -> KstatParser.parse("kstat -p", "caps:12\t37\n"))
                .hasMessageContaining("expected module:instance:name:statistic");
    }

    @Test
    void lenient_parsing_skips_a_bad_line_remembers_it_and_keeps_the_rest() {
        List<UnexpectedOutputException> errors = new ArrayList<>();
        String text = "kstat: garbage here\n" + Recorded.read("kstat-1.txt");
        List<KstatParser.Kstat> ks = KstatParser.parse("kstat -p", text, errors::add);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).offending()).isEqualTo("kstat: garbage here");
        assertThat(ks).isNotEmpty();
    }

    @Test
    void two_reads_a_second_apart_become_one_sample_with_rates_over_snaptime() throws Exception {
        KstatSampler sampler = new KstatSampler();
        NodeSample first = sampler.sample(
                KstatParser.parse("kstat -p", Recorded.read("kstat-1.txt")), 40, u -> u.equals(WEB) ? 100 : 200, null);
        assertThat(first.machines()).extracting(MachineSample::uuid).containsExactlyInAnyOrder(WEB, DB);
        assertThat(first.machines()).allSatisfy(m -> assertThat(m.cpuPct()).isZero());

        NodeSample s = sampler.sample(
                KstatParser.parse("kstat -p", Recorded.read("kstat-2.txt")), 40, u -> u.equals(WEB) ? 100 : 200, null);
        MachineSample web = s.machines().stream()
                .filter(m -> m.uuid().equals(WEB))
                .findFirst()
                .orElseThrow();
        assertThat(web.cpuPct()).isCloseTo(50.0, within(1e-6));
        assertThat(web.cpuDemandPct()).isCloseTo(55.0, within(1e-6));
        assertThat(web.cpuCap()).isEqualTo(100);
        assertThat(web.cpuShares()).isEqualTo(100);
        assertThat(web.lwps()).isEqualTo(57);
        assertThat(web.memRssMiB()).isEqualTo(256);
        assertThat(web.memCapMiB()).isEqualTo(1024);
        assertThat(web.swapMiB()).isEqualTo(128);
        assertThat(web.diskReadBytes()).isEqualTo(1048576);
        assertThat(web.diskWriteBytes()).isEqualTo(2097152);
        assertThat(web.diskReadOps()).isEqualTo(100);
        assertThat(web.diskWriteOps()).isEqualTo(50);
        assertThat(web.ioDelayUs()).isCloseTo(2.0, within(1e-9));
        assertThat(web.netRxBytes()).as("both VNICs of the zone").isEqualTo(13000);
        assertThat(web.netTxBytes()).isEqualTo(25000);
        assertThat(web.netRxPackets()).isEqualTo(11);
        assertThat(web.netTxPackets()).isEqualTo(20);
        assertThat(web.syscalls()).as("no DTrace: not measured").isNull();
        MachineSample db = s.machines().stream()
                .filter(m -> m.uuid().equals(DB))
                .findFirst()
                .orElseThrow();
        assertThat(db.cpuPct()).isCloseTo(150.0, within(1e-6));
        assertThat(db.cpuCap()).isEqualTo(200);
        assertThat(db.memRssMiB()).isEqualTo(2048);
        assertThat(db.cpuShares()).isEqualTo(200);
        assertThat(s.cpuUtilPct()).isCloseTo(30.0, within(1e-6));
        assertThat(s.memUsedMiB()).isEqualTo(2304);
        assertThat(s.cpuDemandPct()).isCloseTo(205.0 / 40, within(1e-6));
        assertThat(s.disks())
                .as("sd I/O kstats, not their ,err companions")
                .containsExactly(
                        new DiskSample("sd0", 65536, 1048576, 4, 32, null),
                        new DiskSample("sd1", 0, 1048576, 0, 32, null));
    }

    @Test
    void a_disks_dtrace_latency_goes_with_its_sd_kstat() throws Exception {
        KstatSampler sampler = new KstatSampler();
        DtraceParser.Second second = DtraceParser.parseBlock(Recorded.read("dtrace-second.txt"));
        NodeSample s = sampler.sample(KstatParser.parse("kstat -p", Recorded.read("kstat-1.txt")), 40, u -> 1, second);
        assertThat(s.disks()).extracting(d -> d.latency().total()).containsExactly(62L, 1L);
        MachineSample web = s.machines().stream()
                .filter(m -> m.uuid().equals(WEB))
                .findFirst()
                .orElseThrow();
        assertThat(web.diskLatency().total()).isEqualTo(98);
        MachineSample db = s.machines().stream()
                .filter(m -> m.uuid().equals(DB))
                .findFirst()
                .orElseThrow();
        assertThat(db.runqLatency().total())
                .as("measured, and nothing this second")
                .isZero();
        assertThat(db.syscalls()).containsEntry("ioctl", 205L).containsEntry("read", 0L);
    }
}
