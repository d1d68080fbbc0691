package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.driver.DriverException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the platform's commands (vmadm, zfs, kstat, ...). The real one is {@link ProcessCommandRunner}; tests use a
 * fake that answers in the commands' real output formats.
 */
public interface CommandRunner {

    /** What a finished command left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        public Result {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** A long-running command (dtrace) whose stdout lines arrive one by one. */
    interface Running extends AutoCloseable {
        boolean alive();

        @Override
        void close();
    }

    /**
     * Runs {@code argv} with {@code stdin} (null = none) and waits at most {@code timeout}.
     *
     * @throws DriverException OperationFailed when the command cannot be started or did not finish in time (it is
     *     then killed)
     */
    Result run(List<String> argv, String stdin, Duration timeout) throws DriverException;

    /**
     * Starts a long-running command and hands every line of its stdout to {@code onLine} on a reader thread.
     *
     * @throws DriverException NotSupported when this runner cannot stream, OperationFailed when it does not start
     */
    /**
     * Starts an interactive command under a pseudo-terminal (zlogin) as a console: its output, its input, its size.
     *
     * @throws DriverException NotSupported when this runner has no consoles, OperationFailed when it does not start
     */
    default io.zonedeck.agent.driver.ConsoleSession attach(List<String> argv) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "this command runner has no consoles");
    }

    default Running spawn(List<String> argv, Consumer<String> onLine) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "this command runner cannot run " + argv.get(0));
    }
}
