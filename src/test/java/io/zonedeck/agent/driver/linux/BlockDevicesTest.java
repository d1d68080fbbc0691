package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDevicesTest {
    @TempDir
    Path sys;

    @Test
    void a_partition_maps_to_its_disk_and_a_disk_to_itself() throws Exception {
        Path disk = Files.createDirectories(sys.resolve("devices/virtual/block/vda"));
        Files.writeString(disk.resolve("dev"), "254:0\n");
        Path part = Files.createDirectories(disk.resolve("vda1"));
        Files.writeString(part.resolve("dev"), "254:1\n");
        Files.writeString(part.resolve("partition"), "1\n");
        Path devBlock = Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(devBlock.resolve("254:0"), disk);
        Files.createSymbolicLink(devBlock.resolve("254:1"), part);

        assertThat(BlockDevices.disk(devBlock, "254:1")).contains("254:0");
        assertThat(BlockDevices.disk(devBlock, "254:0")).contains("254:0");
        assertThat(BlockDevices.disk(devBlock, "0:45"))
                .as("tmpfs, overlay: no disk")
                .isEmpty();
    }
}
