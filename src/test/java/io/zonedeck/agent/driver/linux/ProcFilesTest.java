package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcFilesTest {

    @Test
    void proc_stat_counts_idle_and_iowait_as_not_busy() {
        String stat = """
                cpu  100 20 30 800 50 5 5 0 7 0
                cpu0 50 10 15 400 25 2 3 0 0 0
                intr 12345
                """;
        ProcFiles.CpuTimes t = ProcFiles.procStat(stat);
        assertThat(t.total()).isEqualTo(100 + 20 + 30 + 800 + 50 + 5 + 5);
        assertThat(t.busy()).isEqualTo(100 + 20 + 30 + 5 + 5);
    }

    @Test
    void proc_stat_without_a_cpu_line_is_a_clear_error() {
        assertThatThrownBy(() -> ProcFiles.procStat("intr 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/proc/stat")
                .hasMessageContaining("no 'cpu' line");
        assertThatThrownBy(() -> ProcFiles.procStat("cpu 1 x 3 4\n")).hasMessageContaining("'x' is not a number");
    }

    @Test
    void meminfo_used_is_total_minus_available() {
        String meminfo = """
                MemTotal:       24683620 kB
                MemFree:        19164500 kB
                MemAvailable:   21126032 kB
                Buffers:          123456 kB
                HugePages_Total:       0
                """;
        assertThat(ProcFiles.memUsedMiB(ProcFiles.meminfo(meminfo))).isEqualTo((24683620L - 21126032L) / 1024);
    }

    @Test
    void meminfo_of_an_old_kernel_counts_buffers_and_cache_as_free() {
        String meminfo = "MemTotal: 4096000 kB\nMemFree: 1024000 kB\nBuffers: 1024 kB\nCached: 1022976 kB\n";
        assertThat(ProcFiles.memUsedMiB(ProcFiles.meminfo(meminfo))).isEqualTo(2048000L / 1024);
    }

    @Test
    void a_garbled_meminfo_line_names_the_file() {
        assertThatThrownBy(() -> ProcFiles.meminfo("MemTotal 123\n")).hasMessageContaining("/proc/meminfo");
    }

    @Test
    void memory_stat_reads_as_name_value_pairs() {
        var m = ProcFiles.keyValues("cache 9887744\nrss 5591040\nmapped_file 7663616\nswap 0\n", "memory.stat");
        assertThat(m)
                .containsEntry("rss", 5591040L)
                .containsEntry("mapped_file", 7663616L)
                .containsEntry("swap", 0L);
        assertThatThrownBy(() -> ProcFiles.keyValues("rss\n", "memory.stat"))
                .hasMessageContaining("memory.stat: expected 'name value'");
    }

    @Test
    void blkio_sums_reads_and_writes_over_devices_and_skips_totals() {
        String text = """
                254:0 Read 4096
                254:0 Write 20971520
                254:0 Sync 20971520
                254:0 Async 0
                254:0 Discard 0
                254:0 Total 20975616
                8:0 Read 100
                8:0 Write 200
                Total 20975916
                """;
        ProcFiles.ReadWrite rw = ProcFiles.blkio(text, "blkio.throttle.io_service_bytes");
        assertThat(rw.read()).isEqualTo(4196);
        assertThat(rw.write()).isEqualTo(20971720);
        assertThat(ProcFiles.blkio("Total 0\n", "x").write()).isZero();
        assertThatThrownBy(() -> ProcFiles.blkio("254:0 Read\n", "blkio.throttle.io_serviced"))
                .hasMessageContaining("blkio.throttle.io_serviced");
    }

    @Test
    void io_stat_sums_bytes_and_ios_over_devices() {
        String text = """
                254:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0
                8:16 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=5 dios=6
                """;
        ProcFiles.IoStat s = ProcFiles.ioStat(text);
        assertThat(s).isEqualTo(new ProcFiles.IoStat(4097, 8194, 4, 6));
        assertThatThrownBy(() -> ProcFiles.ioStat("254:0 rbytes\n")).hasMessageContaining("io.stat");
    }

    @Test
    void a_single_value_file_reads_max_as_unlimited() {
        assertThat(ProcFiles.single("max\n", "pids.max")).isEqualTo(Long.MAX_VALUE);
        assertThat(ProcFiles.single("17\n", "pids.current")).isEqualTo(17);
        assertThatThrownBy(() -> ProcFiles.single("", "cpuacct.usage")).hasMessageContaining("cpuacct.usage");
    }
}
