package io.zonedeck.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** TigerVNC's X server from Debian, standing in for a VM's VNC screen in the console tests. */
public final class RealVnc {
    private RealVnc() {}

    public static boolean installed() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v Xtigervnc").start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts Xtigervnc with no VNC authentication on loopback {@code port} (a display derived from it) and waits
     * until it speaks RFB; its log goes to target/xtigervnc-PORT.log.
     */
    public static Process start(int port, String geometry, String desktop) throws Exception {
        Files.createDirectories(Path.of("target"));
        Process p = new ProcessBuilder(
                        "Xtigervnc",
                        ":" + (50 + port % 40),
                        "-rfbport",
                        String.valueOf(port),
                        "-SecurityTypes",
                        "None",
                        "-geometry",
                        geometry,
                        "-localhost",
                        "yes",
                        "-desktop",
                        desktop)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "xtigervnc-" + port + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                InputStream in = s.getInputStream();
                if (in.readNBytes(4).length == 4) {
                    return p;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("Xtigervnc did not listen on " + port);
    }
}
