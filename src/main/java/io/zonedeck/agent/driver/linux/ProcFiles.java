package io.zonedeck.agent.driver.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsers of the kernel's text files (/proc/stat, /proc/meminfo, memory.stat, blkio and io.stat files), from
 * strings so that they are tested without a kernel. Every parser rejects what it does not understand with an
 * {@link IllegalArgumentException} naming the file and the offending line.
 */
final class ProcFiles {
    private ProcFiles() {}

    /** Busy and total jiffies of all CPUs, from the "cpu" line of /proc/stat. */
    record CpuTimes(long busy, long total) {}

    static CpuTimes procStat(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && f[0].equals("cpu")) {
                if (f.length < 5) {
                    throw new IllegalArgumentException("/proc/stat: too few fields in '" + line.trim() + "'");
                }
                long total = 0;
                long idle = 0;
                // user nice system idle iowait irq softirq steal [guest guest_nice: already in user and nice]
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    long v = number(f[i], "/proc/stat", line);
                    total += v;
                    if (i == 4 || i == 5) {
                        idle += v;
                    }
                }
                return new CpuTimes(total - idle, total);
            }
        }
        throw new IllegalArgumentException("/proc/stat: no 'cpu' line");
    }

    /** /proc/meminfo in KiB by name ("MemTotal" → 24683620). */
    static Map<String, Long> meminfo(String text) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("/proc/meminfo: no 'name:' in '" + line.trim() + "'");
            }
            String[] v = line.substring(colon + 1).trim().split("\\s+");
            out.put(line.substring(0, colon).trim(), number(v[0], "/proc/meminfo", line));
        }
        return out;
    }

    /** Node memory in use in MiB: MemTotal - MemAvailable (MemFree + Buffers + Cached on old kernels). */
    static long memUsedMiB(Map<String, Long> meminfo) {
        Long total = meminfo.get("MemTotal");
        if (total == null) {
            throw new IllegalArgumentException("/proc/meminfo: no MemTotal");
        }
        Long available = meminfo.get("MemAvailable");
        long free = available != null
                ? available
                : meminfo.getOrDefault("MemFree", 0L)
                        + meminfo.getOrDefault("Buffers", 0L)
                        + meminfo.getOrDefault("Cached", 0L);
        return Math.max(0, total - free) / 1024;
    }

    /** "name value" lines: memory.stat, cpu.stat, memory.events. */
    static Map<String, Long> keyValues(String text, String file) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                throw new IllegalArgumentException(file + ": expected 'name value', got '" + line.trim() + "'");
            }
            out.put(f[0], number(f[1], file, line));
        }
        return out;
    }

    /** Summed over devices: bytes or operations of a v1 blkio file ("254:0 Read 4096" lines). */
    record ReadWrite(long read, long write) {}

    static ReadWrite blkio(String text, String file) {
        long read = 0;
        long write = 0;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank() || (f.length == 2 && f[0].equals("Total"))) {
                continue;
            }
            if (f.length != 3 || !f[0].contains(":")) {
                throw new IllegalArgumentException(file + ": expected 'MAJ:MIN Op value', got '" + line.trim() + "'");
            }
            long v = number(f[2], file, line);
            if (f[1].equals("Read")) {
                read += v;
            } else if (f[1].equals("Write")) {
                write += v;
            }
        }
        return new ReadWrite(read, write);
    }

    /** Summed over devices: a v2 io.stat ("254:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0"). */
    record IoStat(long readBytes, long writeBytes, long readOps, long writeOps) {}

    static IoStat ioStat(String text) {
        long rb = 0;
        long wb = 0;
        long ro = 0;
        long wo = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (!f[0].contains(":")) {
                throw new IllegalArgumentException(
                        "io.stat: expected 'MAJ:MIN key=value...', got '" + line.trim() + "'");
            }
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("io.stat: expected key=value, got '" + f[i] + "'");
                }
                long v = number(f[i].substring(eq + 1), "io.stat", line);
                switch (f[i].substring(0, eq)) {
                    case "rbytes" -> rb += v;
                    case "wbytes" -> wb += v;
                    case "rios" -> ro += v;
                    case "wios" -> wo += v;
                    default -> {}
                }
            }
        }
        return new IoStat(rb, wb, ro, wo);
    }

    /** A single number (cpuacct.usage, pids.current, a statistics file); "max" is {@link Long#MAX_VALUE}. */
    static long single(String text, String file) {
        String s = text.trim();
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        return number(s, file, s);
    }

    static long number(String s, String file, String line) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + s + "' is not a number in '" + line.trim() + "'");
        }
    }

    /** The file's text; empty when it does not exist. Other I/O errors are an IllegalArgumentException. */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
