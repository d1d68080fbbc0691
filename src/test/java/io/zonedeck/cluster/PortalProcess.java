package io.zonedeck.cluster;

import io.zonedeck.support.Api;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A portal in a process of its own, from the jar the build just made ({@code target/zonedeck.jar}), on a database
 * the test gives, without the demo (the test's in-JVM portal seeded it): one that a test can {@code kill -9}.
 */
final class PortalProcess implements AutoCloseable {
    private final List<String> command;
    private final File log;
    final int port;
    private Process process;

    PortalProcess(String name, String jdbcUrl, String... extraArgs) {
        this(freePort(), name, jdbcUrl, extraArgs);
    }

    /** The same portal again, on the same port (HAProxy's server line names it). */
    PortalProcess(int port, String name, String jdbcUrl, String... extraArgs) {
        this.port = port;
        this.log = Path.of("target", "cluster-" + name + ".log").toFile();
        command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of("target", "zonedeck.jar").toString(),
                "--spring.profiles.active=prod",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                // as the in-JVM portal of the tests: a dead instance's jobs are revived after 3 s
                "--db-scheduler.heartbeat-interval=500ms",
                // the in-JVM portal's demo agents: plain HTTP on loopback; their credentials decrypt with the key
                // file both portals share (application-test.yml)
                "--zonedeck.nodes.allow-plain-http=true",
                "--zonedeck.nodes.allow-loopback=true",
                "--zonedeck.nodes.credential-key-file="
                        + Path.of("target", "test-node-credential.key").toAbsolutePath(),
                "--logging.level.root=warn",
                "--logging.level.io.zonedeck=info"));
        command.addAll(List.of(extraArgs));
    }

    /** Starts it and waits until its readiness probe says UP. */
    PortalProcess start() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the portal exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the portal did not get ready in 120 s; see " + log);
    }

    Api api() {
        return new Api(port);
    }

    /** {@code kill -9}: no shutdown hook, no connection closed politely, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
