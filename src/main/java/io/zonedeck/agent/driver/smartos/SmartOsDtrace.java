package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The long-running {@code dtrace -q -s} process of the node: it prints one block a second (see
 * {@link DtraceParser}); the last complete block is kept until {@link #take()} takes it. A block that does not
 * parse is dropped and remembered as {@link #lastError()}.
 */
final class SmartOsDtrace implements AutoCloseable {

    /** docs/metric-sources.md's D programs, with a marker line before each printa so the sections can be told apart. */
    static final String PROGRAM = """
            #pragma D option quiet
            #pragma D option dynvarsize=16m

            syscall:::entry /zonename != "global"/ { self->sys = timestamp; }
            syscall:::return /self->sys/ {
                @syslat[zonename] = llquantize((timestamp - self->sys) / 1000, 10, 0, 6, 10);
                @calls[zonename, probefunc] = count();
                self->sys = 0;
            }

            fbt::zfs_read:entry, fbt::zfs_write:entry /zonename != "global"/ { self->io = timestamp; }
            fbt::zfs_read:return, fbt::zfs_write:return /self->io/ {
                @disklat[zonename] = llquantize((timestamp - self->io) / 1000, 10, 0, 6, 10);
                self->io = 0;
            }

            sched:::enqueue { rq[args[0]->pr_lwpid, args[1]->pr_pid] = timestamp; }
            sched:::dequeue { rq[args[0]->pr_lwpid, args[1]->pr_pid] = 0; }
            sched:::cpucaps-sleep { capq[args[0]->pr_lwpid, args[1]->pr_pid] = timestamp; }
            sched:::cpucaps-wakeup /capq[args[0]->pr_lwpid, args[1]->pr_pid]/ {
                capwait[args[0]->pr_lwpid, args[1]->pr_pid] = timestamp - capq[args[0]->pr_lwpid, args[1]->pr_pid];
                capq[args[0]->pr_lwpid, args[1]->pr_pid] = 0;
            }
            sched:::on-cpu /rq[curlwpsinfo->pr_lwpid, pid] && zonename != "global"/ {
                this->us = (timestamp - rq[curlwpsinfo->pr_lwpid, pid] + capwait[curlwpsinfo->pr_lwpid, pid]) / 1000;
                @runq[zonename] = llquantize(this->us, 10, 0, 6, 10);
                rq[curlwpsinfo->pr_lwpid, pid] = 0;
                capwait[curlwpsinfo->pr_lwpid, pid] = 0;
            }

            io:::start { iostart[arg0] = timestamp; }
            io:::done /iostart[arg0]/ {
                @devlat[args[1]->dev_statname] = llquantize((timestamp - iostart[arg0]) / 1000, 10, 0, 6, 10);
                iostart[arg0] = 0;
            }

            tick-1s {
                printf("--- %d\\n", walltimestamp / 1000000000);
                printf("@syslat\\n"); printa(@syslat);
                printf("@calls\\n"); printa("%s %s %@d\\n", @calls);
                printf("@disklat\\n"); printa(@disklat);
                printf("@runq\\n"); printa(@runq);
                printf("@devlat\\n"); printa(@devlat);
                printf("@end\\n");
                trunc(@syslat); trunc(@calls); trunc(@disklat); trunc(@runq); trunc(@devlat);
            }
            """;

    private final CommandRunner.Running process;
    private final Path script;
    private final StringBuilder block = new StringBuilder();
    private final AtomicReference<DtraceParser.Second> latest = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private SmartOsDtrace(CommandRunner runner, Path script) throws DriverException {
        this.script = script;
        this.process = runner.spawn(List.of("/usr/sbin/dtrace", "-q", "-s", script.toString()), this::line);
    }

    /** Starts the D program; NotSupported / OperationFailed when DTrace cannot run here. */
    static SmartOsDtrace start(CommandRunner runner) throws DriverException {
        Path script;
        try {
            script = Files.createTempFile("zonedeck-", ".d");
            Files.writeString(script, PROGRAM, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot write the D program: " + e.getMessage(), e);
        }
        try {
            return new SmartOsDtrace(runner, script);
        } catch (DriverException | RuntimeException e) {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file left behind
            }
            throw e;
        }
    }

    /** Called with every stdout line, on the reader thread. */
    void line(String line) {
        synchronized (block) {
            if (line.startsWith("--- ")) {
                block.setLength(0);
            }
            block.append(line).append('\n');
            if (line.strip().equals("@end")) {
                String text = block.toString();
                block.setLength(0);
                try {
                    latest.set(DtraceParser.parseBlock(text));
                } catch (UnexpectedOutputException e) {
                    lastError.set(e.getMessage());
                }
            }
        }
    }

    /** The last complete second not taken yet, or null. */
    DtraceParser.Second take() {
        return latest.getAndSet(null);
    }

    boolean alive() {
        return process.alive();
    }

    /** The last parse error not reported yet, or null. */
    String takeError() {
        return lastError.getAndSet(null);
    }

    @Override
    public void close() {
        process.close();
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
