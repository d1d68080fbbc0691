package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the host's tools (ip, ...) and turns every failure into a {@link DriverException} naming the command. */
final class Commands {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A finished command: exit code and its output. */
    record Result(int exit, String stdout, String stderr) {}

    private Commands() {}

    /** Runs the command; a non-zero exit is an OperationFailed naming it and its stderr. */
    static String run(String... command) throws DriverException {
        Result r = exec(command);
        if (r.exit() != 0) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "`" + String.join(" ", command) + "` exited " + r.exit() + ": "
                            + firstLine(r.stderr(), r.stdout()));
        }
        return r.stdout();
    }

    /** Runs the command and returns whatever happened (an error only when it cannot run or times out). */
    static Result exec(String... command) throws DriverException {
        String shown = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(List.of(command))
                    .redirectInput(ProcessBuilder.Redirect.from(devNull()))
                    .start();
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot run `" + shown + "`: " + e.getMessage(), e);
        }
        // own threads, not the common pool: these reads block until the command ends
        CompletableFuture<String> out = reader(p.getInputStream(), shown);
        CompletableFuture<String> err = reader(p.getErrorStream(), shown);
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "`" + shown + "` did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(DriverException.OPERATION_FAILED, "interrupted while running `" + shown + "`", e);
        }
    }

    /** Whether the command runs and exits 0 (host checks). */
    static boolean works(String... command) {
        try {
            return exec(command).exit() == 0;
        } catch (DriverException e) {
            return false;
        }
    }

    static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> reader(InputStream in, String command) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> text.complete(read(in)), "zd-cmd " + command);
        t.setDaemon(true);
        t.start();
        return text;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String... texts) {
        for (String t : texts) {
            String s = t == null ? "" : t.strip();
            if (!s.isEmpty()) {
                int nl = s.indexOf('\n');
                return nl < 0 ? s : s.substring(0, nl);
            }
        }
        return "(no output)";
    }
}
