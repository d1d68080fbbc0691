package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.BytePipe;
import io.zonedeck.agent.driver.ConsoleSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sim driver's console: a small line-editing shell over the workload model (hostname, zonename, uptime, ps,
 * prstat, cat /etc/release…), marked as simulated in its banner and its prompt. Nothing runs anywhere.
 */
final class SimShell implements ConsoleSession {
    static final String HELP = "hostname  zonename  uname [-a]  uptime  ps [-ef]  prstat  cat /etc/release  date  "
            + "echo TEXT  whoami  clear  help  exit";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Supplier<Optional<MachineInfo>> machine;
    private final Supplier<Optional<MachineSample>> sample;
    private final Clock clock;
    private final ConsoleKind kind;
    private final BytePipe out = new BytePipe();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final String alias;
    private int escape;
    private volatile String endReason;

    SimShell(
            ConsoleKind kind,
            Supplier<Optional<MachineInfo>> machine,
            Supplier<Optional<MachineSample>> sample,
            Clock clock) {
        this.kind = kind;
        this.machine = machine;
        this.sample = sample;
        this.clock = clock;
        MachineInfo m = machine.get().orElseThrow();
        this.alias =
                m.alias() == null || m.alias().isBlank() ? m.uuid().toString().substring(0, 8) : m.alias();
        print("ZoneDeck simulated " + (kind == ConsoleKind.SERIAL ? "zone console" : "shell") + " of " + alias + " ("
                + m.brand() + ") - nothing here runs for real; type 'help'\r\n");
        if (kind == ConsoleKind.SERIAL) {
            print("\r\n" + alias + " console login: root (automatic)\r\n");
        }
        prompt();
    }

    @Override
    public InputStream output() {
        return out;
    }

    @Override
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                type(b & 0xff);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    type(b[i] & 0xff);
                }
            }
        };
    }

    @Override
    public String endReason() {
        return endReason;
    }

    @Override
    public void close() {
        out.end();
    }

    private synchronized void type(int b) {
        if (escape > 0) {
            // ESC [ ... final byte: arrow keys and the like are swallowed
            escape = (escape == 1 && b == '[') || (escape == 2 && b < 0x40) ? 2 : 0;
            return;
        }
        switch (b) {
            case 0x1b -> escape = 1;
            case '\r', '\n' -> {
                print("\r\n");
                String cmd = line.toString(StandardCharsets.UTF_8).trim();
                line.reset();
                run(cmd);
            }
            case 0x7f, 0x08 -> backspace();
            case 0x03 -> {
                print("^C\r\n");
                line.reset();
                prompt();
            }
            case 0x04 -> {
                if (line.size() == 0) {
                    print("logout\r\n");
                    end(null);
                }
            }
            case 0x0c -> {
                print("\033[H\033[2J");
                prompt();
                print(line.toString(StandardCharsets.UTF_8));
            }
            default -> {
                if (b >= 0x20 && line.size() < 4096) {
                    line.write(b);
                    out.write(new byte[] {(byte) b});
                }
            }
        }
    }

    private void backspace() {
        byte[] b = line.toByteArray();
        int n = b.length;
        if (n == 0) {
            return;
        }
        n--;
        while (n > 0 && (b[n] & 0xc0) == 0x80) {
            n--;
        }
        line.reset();
        line.write(b, 0, n);
        print("\b \b");
    }

    private void run(String cmd) {
        Optional<MachineInfo> current = machine.get();
        if (current.isEmpty() || current.get().state() != MachineState.RUNNING) {
            end(current.isEmpty() ? "the machine was deleted" : "the machine stopped");
            return;
        }
        MachineInfo m = current.get();
        String[] words = cmd.isEmpty() ? new String[0] : cmd.split("\\s+");
        String reply = words.length == 0 ? "" : command(m, words, cmd);
        if (reply == null) {
            print("logout\r\n");
            end(null);
            return;
        }
        if (!reply.isEmpty()) {
            print(reply.replace("\n", "\r\n") + "\r\n");
        }
        prompt();
    }

    /** The reply to one command line; null ends the shell. */
    private String command(MachineInfo m, String[] words, String cmd) {
        boolean lx = "lx".equals(m.brand());
        return switch (words[0]) {
            case "exit", "logout" -> null;
            case "help" -> "simulated commands: " + HELP;
            case "hostname" -> alias;
            case "zonename" -> m.uuid().toString();
            case "whoami" -> "root";
            case "date" ->
                DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC));
            case "echo" -> cmd.substring(4).trim();
            case "clear" -> "\033[H\033[2J";
            case "uname" ->
                words.length > 1 && words[1].equals("-a")
                        ? (lx
                                ? "Linux " + alias + " 5.10.0 BrandZ virtual linux x86_64 GNU/Linux"
                                : "SunOS " + alias + " 5.11 joyent_20241017T000000Z i86pc i386 i86pc")
                        : (lx ? "Linux" : "SunOS");
            case "uptime" -> uptime(m);
            case "ps" -> ps(m, lx);
            case "prstat" -> prstat(m);
            case "cat" -> words.length > 1 && words[1].equals("/etc/release") ? release(lx) : cat(words);
            default -> words[0] + ": command not found (simulated console: type 'help')";
        };
    }

    private String uptime(MachineInfo m) {
        Instant boot = m.createTimestamp() == null ? clock.instant() : m.createTimestamp();
        long minutes = Math.max(0, Duration.between(boot, clock.instant()).toMinutes());
        double load = sample.get().map(s -> s.cpuPct() / 100).orElse(0.0);
        String up = minutes < 60 ? minutes + " min(s)" : (minutes / 60) + ":" + String.format("%02d", minutes % 60);
        return String.format(
                Locale.ROOT,
                " %s  up %s,  1 user,  load average: %.2f, %.2f, %.2f",
                CLOCK.format(clock.instant()),
                up,
                load,
                load,
                load);
    }

    private static String ps(MachineInfo m, boolean lx) {
        String work = workload(m);
        String head = "     UID   PID  PPID   C    STIME TTY         TIME CMD";
        return head + "\n"
                + (lx
                        ? "    root     1     0   0 00:00:01 ?           0:00 /sbin/init\n"
                                + "    root    42     1   0 00:00:02 ?           0:00 /usr/sbin/sshd -D\n"
                        : "    root     1     0   0 00:00:01 ?           0:00 /sbin/init\n"
                                + "    root     8     1   0 00:00:01 ?           0:02 /lib/svc/bin/svc.startd\n"
                                + "    root    11     1   0 00:00:01 ?           0:05 /lib/svc/bin/svc.configd\n"
                                + "    root    62     1   0 00:00:02 ?           0:00 /usr/lib/ssh/sshd\n")
                + "    root   101     1   1 00:00:03 ?           1:12 " + work + "\n"
                + "    root   230     1   0 00:10:00 console     0:00 -bash\n"
                + "    root   231   230   0 00:10:05 console     0:00 ps -ef";
    }

    private String prstat(MachineInfo m) {
        Optional<MachineSample> s = sample.get();
        double cpu = s.map(MachineSample::cpuPct).orElse(0.0);
        long rss = s.map(MachineSample::memRssMiB).orElse(0L);
        int lwps = s.map(MachineSample::lwps).orElse(12);
        String cap = m.cpuCap() > 0 ? m.cpuCap() + "%" : "none";
        return String.format(
                Locale.ROOT,
                "   PID USERNAME  SIZE   RSS STATE  PRI NICE      TIME  CPU PROCESS/NLWP%n"
                        + "   101 root      %4dM %4dM cpu0    59    0   1:12:04 %4.1f%% %s/%d%n"
                        + "   230 root        4M    3M sleep   59    0   0:00:00 0.0%% bash/1%n"
                        + "ZONEID    NPROC  SWAP   RSS MEMORY      TIME  CPU ZONE%n"
                        + "     1        7  %4dM %4dM   %3d%%   1:12:04 %4.1f%% %s%n"
                        + "Total: 7 processes, %d lwps, cpu cap %s (simulated)",
                rss,
                rss,
                cpu,
                workload(m),
                Math.max(1, lwps - 6),
                rss,
                rss,
                m.maxPhysicalMemory() > 0 ? Math.min(100, rss * 100 / m.maxPhysicalMemory()) : 0,
                cpu,
                alias,
                lwps,
                cap);
    }

    private static String workload(MachineInfo m) {
        return m.brand().equals("lx") ? "/usr/sbin/nginx" : "/opt/local/sbin/nginx";
    }

    private static String release(boolean lx) {
        return lx
                ? "Ubuntu 22.04.4 LTS (lx-brand zone, simulated by ZoneDeck)"
                : "             SmartOS x86_64 (simulated by ZoneDeck)\n"
                        + "  Copyright 2024 MNX Cloud, Inc. All Rights Reserved.\n"
                        + "                    Build: 20241017T000000Z";
    }

    private static String cat(String[] words) {
        return words.length > 1 ? "cat: " + words[1] + ": No such file or directory (simulated)" : "";
    }

    private void prompt() {
        print((kind == ConsoleKind.SERIAL ? "[root@" + alias + " (console) ~]# " : "[root@" + alias + " ~]# "));
    }

    private void print(String s) {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the shell: the console closes with {@code reason} (null after exit). */
    void end(String reason) {
        endReason = reason;
        out.end();
    }
}
