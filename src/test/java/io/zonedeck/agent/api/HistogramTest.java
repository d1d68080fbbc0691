package io.zonedeck.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistogramTest {
    private final ObjectMapper json = AgentJson.newMapper();

    @Test
    void buckets_are_log_linear_like_llquantize_10_0_6_10() {
        assertThat(Histogram.BUCKETS).isEqualTo(65);
        assertThat(Histogram.bucket(0)).isZero();
        assertThat(Histogram.lower(Histogram.bucket(1))).isEqualTo(1);
        assertThat(Histogram.lower(Histogram.bucket(9))).isEqualTo(9);
        assertThat(Histogram.lower(Histogram.bucket(10))).isEqualTo(10);
        assertThat(Histogram.lower(Histogram.bucket(19))).isEqualTo(10);
        assertThat(Histogram.lower(Histogram.bucket(20))).isEqualTo(20);
        assertThat(Histogram.lower(Histogram.bucket(999))).isEqualTo(900);
        assertThat(Histogram.lower(Histogram.bucket(1234))).isEqualTo(1000);
        assertThat(Histogram.lower(Histogram.bucket(9_999_999))).isEqualTo(9_000_000);
        assertThat(Histogram.bucket(10_000_000)).isEqualTo(Histogram.BUCKETS - 1);
        assertThat(Histogram.bucket(Long.MAX_VALUE)).isEqualTo(Histogram.BUCKETS - 1);
        for (int i = 0; i < Histogram.BUCKETS - 1; i++) {
            assertThat(Histogram.upper(i)).isEqualTo(Histogram.lower(i + 1));
            assertThat(Histogram.bucket(Histogram.lower(i))).isEqualTo(i);
        }
    }

    @Test
    void wire_form_is_sparse_lower_count_pairs_and_round_trips_inside_a_sample() throws Exception {
        Histogram h = Histogram.of(List.of(new long[] {100, 3}, new long[] {2000, 5}, new long[] {2500, 1}));
        assertThat(json.writeValueAsString(h)).isEqualTo("[[100,3],[2000,6]]");
        MachineSample s = new MachineSample(
                UUID.randomUUID(),
                12.5,
                100,
                512,
                1024,
                1,
                2,
                3,
                4,
                100,
                0,
                0,
                12.5,
                5,
                6,
                0,
                30,
                7,
                8,
                9,
                Map.of("read", 40L),
                h,
                null,
                Histogram.EMPTY);
        String text = json.writeValueAsString(s);
        assertThat(text).contains("\"syscall_latency\":[[100,3],[2000,6]]").contains("\"runq_latency\":[]");
        MachineSample back = json.readValue(text, MachineSample.class);
        assertThat(back).isEqualTo(s);
        assertThat(back.diskLatency()).isNull();
    }

    @Test
    void an_older_agents_sample_reads_with_empty_new_fields() throws Exception {
        MachineSample back = json.readValue(
                "{\"uuid\":\"" + UUID.randomUUID() + "\",\"cpu_pct\":5,\"cpu_cap\":0,\"mem_rss_mib\":1}",
                MachineSample.class);
        assertThat(back.swapMiB()).isZero();
        assertThat(back.syscallLatency()).isNull();
        NodeSample node = json.readValue("{\"cpu_util_pct\":3,\"mem_used_mib\":1,\"machines\":[]}", NodeSample.class);
        assertThat(node.disks()).isEmpty();
    }

    @Test
    void quantiles_sums_and_bad_input() {
        Histogram a = Histogram.of(List.of(new long[] {10, 90}, new long[] {500, 10}));
        assertThat(a.total()).isEqualTo(100);
        assertThat(a.quantile(0.5)).isEqualTo(20);
        assertThat(a.quantile(0.95)).isEqualTo(600);
        assertThat(a.plus(a).count(Histogram.bucket(500))).isEqualTo(20);
        assertThat(Histogram.EMPTY.quantile(0.99)).isZero();
        assertThatThrownBy(() -> Histogram.of(List.of(new long[] {1}))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Histogram.of(List.of(new long[] {1, -1})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
