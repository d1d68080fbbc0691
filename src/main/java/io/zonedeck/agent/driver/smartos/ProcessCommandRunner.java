package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.driver.DriverException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Runs commands with {@link ProcessBuilder}; a command that outlives its timeout is killed. */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public Result run(List<String> argv, String stdin, Duration timeout) throws DriverException {
        String cmd = String.join(" ", argv);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot run " + cmd + ": " + e.getMessage(), e);
        }
        FutureTask<String> out = drainer(p.getInputStream(), argv.get(0) + "-stdout");
        FutureTask<String> err = drainer(p.getErrorStream(), argv.get(0) + "-stderr");
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input; its exit code and stderr say why
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new DriverException(
                        DriverException.OPERATION_FAILED, cmd + " did not finish within " + timeout + "; killed");
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(DriverException.OPERATION_FAILED, cmd + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot read the output of " + cmd, e);
        }
    }

    /**
     * zlogin under illumos {@code script}, which gives it a pseudo-terminal: script starts {@code $SHELL -i}, here a
     * wrapper (owner-only, removed when the console closes) that execs the zlogin command line. Not tried on a real
     * node yet (docs/decisions/014-web-consoles.md).
     */
    @Override
    public io.zonedeck.agent.driver.ConsoleSession attach(List<String> argv) throws DriverException {
        java.nio.file.Path wrapper;
        try {
            wrapper = java.nio.file.Files.createTempFile(
                    "zd-console-",
                    ".sh",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            StringBuilder cmd = new StringBuilder("#!/bin/sh\nexec");
            for (String a : argv) {
                cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
            }
            java.nio.file.Files.writeString(wrapper, cmd.append("\n").toString());
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot prepare the console: " + e.getMessage());
        }
        io.zonedeck.agent.driver.ConsoleSession session = io.zonedeck.agent.driver.ProcessConsole.start(
                List.of("/usr/bin/script", "/dev/null"),
                java.util.Map.of("SHELL", wrapper.toString(), "TERM", "xterm"),
                String.join(" ", argv));
        return new io.zonedeck.agent.driver.ConsoleSession() {
            @Override
            public java.io.InputStream output() {
                return session.output();
            }

            @Override
            public java.io.OutputStream input() {
                return session.input();
            }

            @Override
            public String endReason() {
                return session.endReason();
            }

            @Override
            public void close() {
                session.close();
                try {
                    java.nio.file.Files.deleteIfExists(wrapper);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        };
    }

    @Override
    public Running spawn(List<String> argv, Consumer<String> onLine) throws DriverException {
        Process p;
        try {
            p = new ProcessBuilder(argv)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "cannot run " + String.join(" ", argv) + ": " + e.getMessage(),
                    e);
        }
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            onLine.accept(line);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the process ended or the consumer failed: alive() tells
                    }
                },
                "smartos-" + argv.get(0));
        reader.setDaemon(true);
        reader.start();
        return new Running() {
            @Override
            public boolean alive() {
                return p.isAlive();
            }

            @Override
            public void close() {
                p.destroy();
            }
        };
    }

    /** Reads a stream to its end on a thread of its own (a full stderr pipe must never block the command). */
    private static FutureTask<String> drainer(InputStream in, String name) {
        FutureTask<String> task = new FutureTask<>(() -> drain(in));
        Thread t = new Thread(task, "cmd-" + name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
