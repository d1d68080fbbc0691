package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The keepalived daemon of one router: started with {@code ip netns exec <ns> keepalived -P} over its own config
 * and pid files, found again through the pid file (a process counts only if it is alive, not a zombie, and its
 * command line names this config, so a reused pid is not mistaken for it), stopped with SIGTERM (a MASTER then
 * sends priority-0 adverts and drops its VIPs) and SIGKILL after a timeout.
 */
final class KeepalivedProcess {
    static final long START_TIMEOUT_MS = 5_000;
    static final long STOP_TIMEOUT_MS = 5_000;

    private final Path conf;
    private final Path pidFile;
    private final Path vrrpPidFile;
    private final Path log;

    KeepalivedProcess(Path dir) {
        this.conf = dir.resolve("keepalived.conf");
        this.pidFile = dir.resolve("keepalived.pid");
        this.vrrpPidFile = dir.resolve("vrrp.pid");
        this.log = dir.resolve("keepalived.log");
    }

    Path conf() {
        return conf;
    }

    /** The pid of the running daemon (its parent process), 0 when none runs. */
    long pid() {
        long pid = readPid(pidFile);
        return pid > 0 && alive(pid, conf) ? pid : 0;
    }

    boolean running() {
        return pid() > 0;
    }

    /**
     * Checks a config with {@code keepalived -t} inside {@code net}'s namespace (keepalived also checks that the
     * interface exists). Skipped while the namespace does not exist: keepalived checks again when it starts.
     */
    static void check(Path candidate, MachineNet net) throws DriverException {
        if (!Files.exists(net.netnsPath())) {
            return;
        }
        List<String> cmd = List.of("ip", "netns", "exec", net.netns(), "keepalived", "-t", "-f", candidate.toString());
        Result r = run(cmd, 10_000);
        if (r.exit() != 0) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "`" + String.join(" ", cmd) + "` refused the generated config (exit " + r.exit() + "): "
                            + r.output().strip());
        }
    }

    /** Starts the daemon in {@code netns} (unless it already runs) and waits for its pid file. */
    long start(String netns) throws DriverException {
        long running = pid();
        if (running > 0) {
            return running;
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(vrrpPidFile);
        } catch (IOException e) {
            throw failed("cannot delete stale pid files in " + pidFile.getParent(), e);
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "keepalived", "-P"));
        cmd.addAll(List.of("-f", conf.toString(), "-p", pidFile.toString(), "-r", vrrpPidFile.toString()));
        cmd.addAll(List.of("-G", "-l", "-D"));
        Process launcher;
        try {
            launcher = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            launcher.getOutputStream().close();
        } catch (IOException e) {
            throw failed("cannot run `" + String.join(" ", cmd) + "`: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        try {
            while (System.nanoTime() < deadline) {
                long pid = pid();
                if (pid > 0 && readPid(vrrpPidFile) > 0) {
                    return pid;
                }
                if (!launcher.isAlive() && launcher.exitValue() != 0) {
                    throw new DriverException(
                            DriverException.OPERATION_FAILED,
                            "`" + String.join(" ", cmd) + "` exited " + launcher.exitValue() + ": " + logTail());
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while starting keepalived", e);
        }
        throw new DriverException(
                DriverException.OPERATION_FAILED,
                "keepalived did not write " + pidFile + " within " + START_TIMEOUT_MS + " ms: " + logTail());
    }

    /** Makes the running daemon re-read its config (SIGHUP); false when none runs. */
    boolean reload() throws DriverException {
        long pid = pid();
        if (pid == 0) {
            return false;
        }
        Result r = run(List.of("kill", "-HUP", Long.toString(pid)), 5_000);
        if (r.exit() != 0) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "`kill -HUP " + pid + "` exited " + r.exit() + ": " + r.output());
        }
        return true;
    }

    /** SIGTERM, then SIGKILL (parent and VRRP child) after {@link #STOP_TIMEOUT_MS}; waits until gone. */
    void stop() throws DriverException {
        long pid = pid();
        long child = readPid(vrrpPidFile);
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!waitGone(pid, STOP_TIMEOUT_MS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                if (child > 0 && alive(child, conf)) {
                    ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
                }
                if (!waitGone(pid, STOP_TIMEOUT_MS)) {
                    throw new DriverException(
                            DriverException.OPERATION_FAILED, "keepalived " + pid + " (" + conf + ") does not stop");
                }
            }
        }
        if (child > 0 && alive(child, conf) && !waitGone(child, STOP_TIMEOUT_MS)) {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(vrrpPidFile);
        } catch (IOException e) {
            // keepalived removes them itself; a leftover is harmless (a pid only counts with our config)
        }
    }

    private boolean waitGone(long pid, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (alive(pid, conf)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive(pid, conf);
            }
        }
        return true;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no keepalived log: " + e.getMessage() + ")";
        }
    }

    static long readPid(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit) ? 0 : Long.parseLong(s);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Alive, not a zombie, and its command line names {@code conf}. */
    static boolean alive(long pid, Path conf) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                return false;
            }
            char state = stat.charAt(close + 2);
            if (state == 'Z' || state == 'X' || state == 'x') {
                return false;
            }
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.replace('\0', ' ').contains(conf.toString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static DriverException failed(String message, Exception cause) {
        return new DriverException(DriverException.OPERATION_FAILED, message, cause);
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command, long timeoutMs) throws DriverException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "`" + String.join(" ", command) + "` did not finish within " + timeoutMs + " ms");
            }
            String output;
            try {
                output = out.get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                output = "";
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw failed("cannot run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted running `" + String.join(" ", command) + "`", e);
        }
    }
}
