package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.driver.ConsoleSession;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.ProcessConsole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Consoles of the linux driver. The shell is a real one inside the machine: a wrapper puts itself into the machine's
 * cgroups (so a CPU burner started there obeys the machine's cap), then {@code script} gives it a pseudo-terminal
 * and {@code nsenter} joins the machine's pid, mount, uts, ipc and network namespaces (so {@code hostname} is the
 * machine's and {@code ps} shows its processes only). The zone console shows the machine's console log as it grows.
 */
final class LinuxConsole {
    /** $@ are the machine's cgroup.procs files; the command runs under script's terminal with $SHELL -c. */
    static final String ENTER = """
            for f in "$@"; do echo $$ > "$f" || exit 111; done
            exec script -qfec "$ZD_CMD" /dev/null
            """;

    static final String SHELL_CMD = "stty cols \"$ZD_COLS\" rows \"$ZD_ROWS\" 2>/dev/null;"
            + " exec nsenter --target \"$ZD_INIT\" --pid --mount --uts --ipc --net -- \"$ZD_SHELL\" -i";

    static final String SERIAL_CMD = "stty cols \"$ZD_COLS\" rows \"$ZD_ROWS\" 2>/dev/null;"
            + " echo \"[console log of $ZD_HOST; the shell is the other kind]\"; exec tail -n 200 -F \"$ZD_LOG\"";

    private LinuxConsole() {}

    static ConsoleSession open(
            UUID uuid,
            ConsoleKind kind,
            int cols,
            int rows,
            int initPid,
            String hostname,
            List<Path> procsFiles,
            Path consoleLog)
            throws DriverException {
        if (kind == ConsoleKind.VNC) {
            throw new DriverException(DriverException.NOT_SUPPORTED, "linux machines have no VNC console");
        }
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ENTER, "zd-console"));
        procsFiles.forEach(f -> cmd.add(f.toString()));
        String shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
        Map<String, String> env = Map.of(
                "SHELL",
                "/bin/sh",
                "TERM",
                "xterm-256color",
                "ZD_CMD",
                kind == ConsoleKind.SHELL ? SHELL_CMD : SERIAL_CMD,
                "ZD_INIT",
                String.valueOf(initPid),
                "ZD_SHELL",
                shell,
                "ZD_HOST",
                hostname,
                "ZD_LOG",
                consoleLog.toString(),
                "ZD_COLS",
                String.valueOf(cols),
                "ZD_ROWS",
                String.valueOf(rows));
        return ProcessConsole.start(cmd, env, uuid.toString());
    }
}
