package io.zonedeck.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's HAProxy with the config the repository ships (deploy/haproxy/haproxy.cfg), pointed at the test's portals. */
final class Haproxy implements AutoCloseable {
    final int port = PortalProcess.freePort();
    private final Process process;

    Haproxy(int portal1, int portal2) throws IOException {
        String shipped = Files.readString(Path.of("deploy", "haproxy", "haproxy.cfg"));
        String config = shipped.replace("bind :8080", "bind 127.0.0.1:" + port)
                .replace("127.0.0.1:8081", "127.0.0.1:" + portal1)
                .replace("127.0.0.1:8082", "127.0.0.1:" + portal2);
        if (config.equals(shipped)) {
            throw new IllegalStateException("deploy/haproxy/haproxy.cfg no longer has the lines this test rewrites");
        }
        Path file = Path.of("target", "haproxy-cluster.cfg");
        Files.writeString(file, config);
        File log = Path.of("target", "cluster-haproxy.log").toFile();
        process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy"));
    }

    @Override
    public void close() {
        process.destroy();
    }
}
