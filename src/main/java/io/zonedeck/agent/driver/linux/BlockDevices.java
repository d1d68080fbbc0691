package io.zonedeck.agent.driver.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The whole disk (MAJ:MIN) under a directory, for blkio.throttle and io.max; a partition maps to its disk. */
final class BlockDevices {
    private BlockDevices() {}

    static Optional<String> diskOf(Path dir) {
        try {
            long dev = ((Number) Files.getAttribute(dir, "unix:dev")).longValue();
            long major = ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
            return disk(Path.of("/sys/dev/block"), major + ":" + minor);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** MAJ:MIN of the disk holding block device {@code majMin} under a sysfs /sys/dev/block directory. */
    static Optional<String> disk(Path sysDevBlock, String majMin) throws IOException {
        Path link = sysDevBlock.resolve(majMin);
        if (!Files.exists(link)) {
            return Optional.empty(); // not a block device (tmpfs, overlay, nfs): nothing to throttle
        }
        Path real = link.toRealPath();
        if (Files.exists(real.resolve("partition"))) {
            return ProcFiles.read(real.getParent().resolve("dev")).map(String::trim);
        }
        return Optional.of(majMin);
    }
}
