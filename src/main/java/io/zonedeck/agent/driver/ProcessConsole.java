package io.zonedeck.agent.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A console that is a host process holding a pseudo-terminal (util-linux {@code script}, or {@code zlogin}): its
 * output is the machine's, its input the keystrokes. Resizing finds the terminal its descendants use and runs {@code
 * stty} on it (the kernel tells the foreground process with SIGWINCH). Closing ends the whole process tree.
 */
public final class ProcessConsole implements ConsoleSession {
    private final Process process;
    private final String name;

    public ProcessConsole(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /** Starts {@code command} with stderr in stdout and the environment additions given. */
    public static ProcessConsole start(List<String> command, java.util.Map<String, String> env, String name)
            throws DriverException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            return new ProcessConsole(pb.start(), name);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot open the console of " + name + ": " + e);
        }
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public OutputStream input() {
        return process.getOutputStream();
    }

    @Override
    public void resize(int cols, int rows) throws IOException {
        Optional<String> tty = terminal();
        if (tty.isEmpty()) {
            return;
        }
        try {
            Process stty = new ProcessBuilder(
                            "stty", "-F", tty.get(), "cols", String.valueOf(cols), "rows", String.valueOf(rows))
                    .redirectErrorStream(true)
                    .start();
            stty.getInputStream().readAllBytes();
            stty.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pseudo-terminal a descendant of the console process has as its standard input. */
    Optional<String> terminal() {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            try {
                Path fd0 = Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "fd", "0"));
                if (fd0.toString().startsWith("/dev/pts/")) {
                    return Optional.of(fd0.toString());
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone, or not ours to read
            }
        }
        return Optional.empty();
    }

    @Override
    public String endReason() {
        return process.isAlive() ? null : "the shell exited";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return "ProcessConsole[" + name + "]";
    }
}
