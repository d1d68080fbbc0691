package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.Histogram;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DtraceParserTest {
    static final String WEB = "5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11";
    static final String DB = "e1f0b3c4-9d8a-4b7c-a6e5-d4c3b2a1f033";

    @Test
    void llquantize_rows_become_exactly_the_histograms_buckets() throws Exception {
        DtraceParser.Second s = DtraceParser.parseBlock(Recorded.read("dtrace-second.txt"));
        assertThat(s.epochSecond()).isEqualTo(1764057600L);
        Histogram sys = s.syscallLatency().get(WEB);
        assertThat(sys.pairs())
                .containsExactly(
                        new long[] {0, 2310},
                        new long[] {1, 5820},
                        new long[] {2, 1402},
                        new long[] {3, 611},
                        new long[] {4, 220},
                        new long[] {5, 95},
                        new long[] {8, 12},
                        new long[] {10, 40},
                        new long[] {20, 7});
        assertThat(sys.total()).isEqualTo(10517);
        assertThat(s.syscallLatency().get(DB).pairs())
                .containsExactly(new long[] {7, 3}, new long[] {10, 120}, new long[] {20, 80}, new long[] {100, 2});
        assertThat(s.diskLatency().get(WEB).count(Histogram.bucket(1000))).isEqualTo(3);
        assertThat(s.runqLatency().get(WEB).total()).isEqualTo(538);
        assertThat(s.deviceLatency()).containsOnlyKeys("sd0", "sd1");
        assertThat(s.deviceLatency().get("sd1").pairs())
                .as(">= 10000000 is the overflow bucket")
                .containsExactly(new long[] {10_000_000, 1});
    }

    @Test
    void syscall_counts_are_read_per_zone_and_fold_into_the_protocols_names() throws Exception {
        DtraceParser.Second s = DtraceParser.parseBlock(Recorded.read("dtrace-second.txt"));
        Map<String, Long> web = s.syscalls().get(WEB);
        assertThat(web)
                .containsEntry("read", 4100L)
                .containsEntry("pread", 300L)
                .containsEntry("lwp_park", 2480L);
        assertThat(List.of("pread", "openat", "fstatat", "pollsys", "lwp_park").stream()
                        .map(DtraceParser::fold))
                .containsExactly("read", "open", "stat", "pollsys", "other");
    }

    @Test
    void truncated_or_foreign_output_is_a_clear_error() {
        String full = Recorded.read("dtrace-second.txt");
        assertThatThrownBy(() -> DtraceParser.parseBlock(full.substring(0, full.indexOf("@end"))))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("dtrace")
                .hasMessageContaining("no @end");
        assertThatThrownBy(() -> DtraceParser.parseBlock(
                        "dtrace: failed to initialize dtrace: DTrace requires additional privileges\n"))
                .hasMessageContaining("must start with '--- <epoch>'");
        assertThatThrownBy(
                        () -> DtraceParser.parseBlock(
                                "--- 1\n@syslat\n  zone\n   value  ------------- Distribution ------------- count\n   12 |@@@ many\n@end\n"))
                .hasMessageContaining("neither a key nor a distribution row");
        assertThatThrownBy(() -> DtraceParser.parseBlock("--- 1\n@calls\n  zone read\n@end\n"))
                .hasMessageContaining("expected 'zone syscall count'");
        assertThatThrownBy(() -> DtraceParser.parseBlock("--- 1\n@bogus\n@end\n"))
                .hasMessageContaining("unknown section");
    }
}
