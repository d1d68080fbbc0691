package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** zfs, imgadm and sysinfo: the small formats. */
class SmallParsersTest {

    @Test
    void zfs_snapshots_read_oldest_first_with_epoch_creation() throws Exception {
        List<ZfsParser.Snapshot> s = ZfsParser.parseSnapshots("zfs list", Recorded.read("zfs-snapshots.txt"));
        assertThat(s)
                .extracting(ZfsParser.Snapshot::name)
                .containsExactly("vmsnap-before-upgrade", "manual", "vmsnap-nightly");
        assertThat(s.get(0).dataset()).isEqualTo("zones/5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11");
        assertThat(s.get(0).created()).isEqualTo(Instant.ofEpochSecond(1763971200));
        assertThat(s.get(0).usedBytes()).isEqualTo(1048576);
    }

    @Test
    void zfs_output_without_p_or_with_missing_columns_is_refused_with_the_line() {
        assertThatThrownBy(() -> ZfsParser.parseSnapshots("zfs list", "zones/x@a\tWed Nov 25 7:00 2026\t1.2M\n"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("is not a number (was -p given?)")
                .hasMessageContaining("zones/x@a");
        assertThatThrownBy(() -> ZfsParser.parseSnapshots("zfs list", "zones/x@a 1 2\n"))
                .hasMessageContaining("expected 3 tab-separated columns");
        assertThatThrownBy(() -> ZfsParser.parseSnapshots("zfs list", "zones/x\t1\t2\n"))
                .hasMessageContaining("not a snapshot name");
    }

    @Test
    void pool_space_is_used_plus_available() throws Exception {
        ZfsParser.Space sp = ZfsParser.parseSpace("zfs list", Recorded.read("zfs-space.txt"));
        assertThat(sp.usedBytes()).isEqualTo(48318382080L);
        assertThat(sp.totalBytes() >> 30).isEqualTo(895);
        assertThatThrownBy(() -> ZfsParser.parseSpace("zfs list", "cannot open 'zones': dataset does not exist"))
                .isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void imgadm_list_reads_each_manifest() throws Exception {
        List<ImgadmParser.Image> images = ImgadmParser.parse(Recorded.read("imgadm-list.json"));
        assertThat(images)
                .containsExactly(
                        new ImgadmParser.Image(
                                UUID.fromString("c193a558-1d63-11e9-97cf-97bb3ee5c14f"),
                                "base-64-lts",
                                "18.4.0",
                                "zone-dataset",
                                "smartos",
                                null),
                        new ImgadmParser.Image(
                                UUID.fromString("63d6e664-3f1f-11e8-aef6-a3120cf8dd9d"),
                                "ubuntu-16.04",
                                "20180413",
                                "lx-dataset",
                                "linux",
                                null),
                        new ImgadmParser.Image(
                                UUID.fromString("462d1d03-8457-e134-a408-cf9ea2b9be96"),
                                "ubuntu-certified-20.04",
                                "20200812",
                                "zvol",
                                "linux",
                                null));
        assertThatThrownBy(() -> ImgadmParser.parse("[{\"zpool\":\"zones\"}]"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("imgadm list -j")
                .hasMessageContaining("without manifest.uuid");
    }

    @Test
    void sysinfo_gives_cpus_memory_and_hvm_capability_even_when_numbers_are_strings() throws Exception {
        SysinfoParser.Sysinfo s = SysinfoParser.parse(Recorded.read("sysinfo.json"));
        assertThat(s).isEqualTo(new SysinfoParser.Sysinfo("cn-a01", 40, 196498, true, true));
        assertThatThrownBy(() -> SysinfoParser.parse("{\"Hostname\":\"x\",\"CPU Total Cores\":0,\"MiB of Memory\":1}"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("\"CPU Total Cores\" is not positive");
        assertThatThrownBy(() -> SysinfoParser.parse("{\"Hostname\":\"x\"}"))
                .hasMessageContaining("no \"CPU Total Cores\"");
    }
}
