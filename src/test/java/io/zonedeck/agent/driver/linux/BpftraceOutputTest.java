package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Histogram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The bpftrace side of "bpftrace histograms parse into the portal's heatmap form", on output recorded on this
 * machine (Debian 12, kernel 6.18, bpftrace 0.17.0): {@link BpftraceLatency#PROGRAM} ran while pid 3682 was {@code
 * dd bs=4k oflag=direct} and pids 3683/3684 were {@code sh -c 'while :; do :; done'} on 2 cores.
 */
class BpftraceOutputTest {
    private static final int DD = 3682;
    private static final int BURNER = 3683;

    private static List<BpftraceInterval> parse(String resource, IntUnaryOperator tgidOf) throws IOException {
        BpftraceOutput parser = new BpftraceOutput(tgidOf);
        List<BpftraceInterval> out = new ArrayList<>();
        long now = 1000;
        for (String line : read(resource).split("\n", -1)) {
            parser.accept(line, now++).ifPresent(out::add);
        }
        assertThat(parser.malformed()).isZero();
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = BpftraceOutputTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long at(Histogram h, long lowerUs) {
        return h.count(Histogram.bucket(lowerUs));
    }

    @Test
    void every_end_marker_closes_one_interval_and_maps_dumped_at_exit_are_dropped() throws IOException {
        List<BpftraceInterval> intervals = parse("/linux/bpftrace-runq-disk.json", t -> t);

        assertThat(intervals).hasSize(3);
        assertThat(intervals.get(0).at()).isLessThan(intervals.get(1).at());
    }

    @Test
    void direct_io_of_dd_parses_into_exact_llquantize_buckets() throws IOException {
        Histogram dd =
                parse("/linux/bpftrace-runq-disk.json", t -> t).get(0).disk().get(DD);

        // "3682,60": 42, "3682,70": 57, "3682,80": 61, "3682,90": 30, "3682,100": 228, 200: 6, 300: 4, 500: 3,
        // 1000: 1, 10000: 1
        assertThat(dd.size()).isEqualTo(10);
        assertThat(dd.total()).isEqualTo(433);
        assertThat(at(dd, 60)).isEqualTo(42);
        assertThat(at(dd, 70)).isEqualTo(57);
        assertThat(at(dd, 80)).isEqualTo(61);
        assertThat(at(dd, 90)).isEqualTo(30);
        assertThat(at(dd, 100)).isEqualTo(228);
        assertThat(at(dd, 200)).isEqualTo(6);
        assertThat(at(dd, 300)).isEqualTo(4);
        assertThat(at(dd, 500)).isEqualTo(3);
        assertThat(at(dd, 1_000)).isEqualTo(1);
        assertThat(at(dd, 10_000)).isEqualTo(1);
        assertThat(dd.pairs().get(0)).containsExactly(60, 42);
        assertThat(dd.quantile(0.5)).isEqualTo(200); // the 217th of 433 falls in [100, 200)
    }

    @Test
    void a_burner_sharing_two_cores_with_another_waits_tens_of_microseconds_in_the_run_queue() throws IOException {
        Histogram burner =
                parse("/linux/bpftrace-runq-disk.json", t -> t).get(2).runq().get(BURNER);

        assertThat(burner.total()).isEqualTo(2275);
        assertThat(at(burner, 40)).isEqualTo(2072);
        assertThat(at(burner, 50)).isEqualTo(51);
        assertThat(at(burner, 100_000)).isEqualTo(1);
        assertThat(Histogram.lower(burner.bucketAt(0))).isEqualTo(6);
    }

    @Test
    void a_latency_below_one_microsecond_lands_in_the_underflow_bucket() throws IOException {
        Histogram dd =
                parse("/linux/bpftrace-runq-disk.json", t -> t).get(1).runq().get(DD);

        assertThat(dd.count(0)).isEqualTo(521); // "3682,0": 521
        assertThat(at(dd, 1)).isEqualTo(1400);
    }

    @Test
    void the_idle_task_is_not_a_process() throws IOException {
        List<BpftraceInterval> intervals = parse("/linux/bpftrace-runq-disk.json", t -> t);

        assertThat(intervals).allSatisfy(i -> assertThat(i.runq()).doesNotContainKey(0));
        assertThat(intervals.get(0).runq()).hasSize(172); // 173 task ids in the map, one of them 0
    }

    @Test
    void threads_fold_into_their_process_and_a_machine_sums_its_processes() throws IOException {
        IntUnaryOperator burnerIsAThreadOfDd = t -> t == BURNER ? DD : t;

        BpftraceInterval first =
                parse("/linux/bpftrace-runq-disk.json", burnerIsAThreadOfDd).get(0);
        BpftraceInterval separate =
                parse("/linux/bpftrace-runq-disk.json", t -> t).get(0);

        assertThat(first.runq()).doesNotContainKey(BURNER);
        assertThat(first.runq().get(DD).total()).isEqualTo(27 + 307);
        assertThat(separate.runq(Set.of(DD, BURNER))).isEqualTo(first.runq().get(DD));
        assertThat(separate.disk(Set.of(BURNER))).isEqualTo(Histogram.EMPTY);
    }

    @Test
    void device_latency_is_keyed_major_minor_and_adds_up_to_the_processes_block_latency() throws IOException {
        // recorded with @devlat: 266338304 = 254 << 20 is vda (254:0)
        List<BpftraceInterval> intervals = parse("/linux/bpftrace-devlat.json", t -> t);

        assertThat(intervals).hasSize(2);
        Histogram vda = intervals.get(1).devices().get("254:0");
        assertThat(intervals.get(1).devices()).containsOnlyKeys("254:0");
        assertThat(vda.total()).isEqualTo(274);
        assertThat(at(vda, 100)).isEqualTo(95);
        assertThat(at(vda, 3_000)).isEqualTo(53);
        for (BpftraceInterval i : intervals) {
            long byProcess =
                    i.disk().values().stream().mapToLong(Histogram::total).sum();
            assertThat(byProcess).isEqualTo(i.devices().get("254:0").total());
        }
        assertThat(intervals.get(0).devices().get("254:0").total()).isEqualTo(1539);
    }

    @Test
    void a_device_number_with_a_high_major_is_still_a_device() {
        assertThat(BpftraceOutput.deviceName(266338304)).isEqualTo("254:0");
        assertThat(BpftraceOutput.deviceName((int) 0xFFF00001L)).isEqualTo("4095:1");
        assertThat(BpftraceOutput.deviceName(8 << 20 | 16)).isEqualTo("8:16");
    }

    @Test
    void malformed_lines_and_entries_are_skipped_and_counted_never_thrown() {
        BpftraceOutput parser = new BpftraceOutput(t -> t);
        List<String> lines = List.of(
                "garbage",
                "{\"type\": \"map\", \"data\": {\"@runq\": {\"12,1",
                "[1, 2]",
                "{\"type\": \"map\", \"data\": []}",
                "{\"type\": \"map\", \"data\": {\"@runq\": 7}}",
                "{\"type\": \"map\", \"data\": {\"@runq\": {\"abc\": 1, \"12,x\": 2, \"13,10\": -1, \"14,10\": \"a\","
                        + " \"99999999999,10\": 1, \"15,10\": 3}}}",
                "{\"type\": \"map\", \"data\": {\"@other\": {\"1,1\": 1}}}",
                "{\"type\": \"lost_events\", \"data\": {\"events\": 3}}",
                "",
                "{\"type\": \"printf\", \"data\": \"end\\n\"}");

        List<BpftraceInterval> out = new ArrayList<>();
        for (String line : lines) {
            parser.accept(line, 5).ifPresent(out::add);
        }

        assertThat(out).hasSize(1);
        assertThat(out.get(0).runq()).containsOnlyKeys(15);
        assertThat(at(out.get(0).runq().get(15), 10)).isEqualTo(3);
        assertThat(out.get(0).disk()).isEmpty();
        assertThat(parser.malformed()).isEqualTo(10);
    }
}
