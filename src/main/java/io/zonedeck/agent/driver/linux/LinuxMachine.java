package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One machine of the linux driver: what is persisted, its state, and the counters of its last sample. */
final class LinuxMachine {
    /** What the state dir keeps of a machine (machine.json): its definition and its runtime facts. */
    record Saved(
            CreatePayload payload,
            String alias,
            Throttles throttles,
            long quota,
            long maxSwap,
            List<Nic> nics,
            Map<String, String> tags,
            Map<String, String> customerMetadata,
            Instant created,
            String netns,
            String veth,
            String ip,
            Integer pid,
            String cpus) {}

    final CreatePayload payload;
    final Instant created;
    final String netns;
    final String veth;
    final String ip;
    final String hex;

    String alias;
    Throttles throttles;
    long quota;
    long maxSwap;
    List<Nic> nics;
    Map<String, String> tags;
    Map<String, String> customerMetadata;
    Integer pid;
    String cpus;

    MachineState state;
    String step;
    Integer progress;
    String error;

    /** The previous sample's counters (sampling thread only). */
    Counters last;

    record Counters(
            long nanos,
            long cpuNs,
            long readBytes,
            long writeBytes,
            long readOps,
            long writeOps,
            long rxBytes,
            long txBytes,
            long rxPackets,
            long txPackets) {}

    LinuxMachine(Saved s, MachineState state) {
        this.payload = s.payload();
        this.created = s.created();
        this.netns = s.netns();
        this.veth = s.veth();
        this.ip = s.ip();
        this.hex = hex(payload.uuid());
        this.alias = s.alias();
        this.throttles = s.throttles();
        this.quota = s.quota();
        this.maxSwap = s.maxSwap();
        this.nics = List.copyOf(s.nics() == null ? List.of() : s.nics());
        this.tags = new LinkedHashMap<>(s.tags() == null ? Map.of() : s.tags());
        this.customerMetadata = new LinkedHashMap<>(s.customerMetadata() == null ? Map.of() : s.customerMetadata());
        this.pid = s.pid();
        this.cpus = s.cpus();
        this.state = state;
    }

    static String hex(UUID uuid) {
        return uuid.toString().substring(0, 8);
    }

    Saved saved() {
        return new Saved(
                payload,
                alias,
                throttles,
                quota,
                maxSwap,
                nics,
                Map.copyOf(tags),
                Map.copyOf(customerMetadata),
                created,
                netns,
                veth,
                ip,
                pid,
                cpus);
    }

    UUID uuid() {
        return payload.uuid();
    }

    boolean alive() {
        return pid != null && Files.exists(Path.of("/proc", Integer.toString(pid)));
    }

    MachineInfo info() {
        return new MachineInfo(
                payload.uuid(),
                alias,
                payload.brand(),
                state,
                payload.imageUuid(),
                throttles.maxPhysicalMemory(),
                quota,
                throttles.cpuCap(),
                throttles.cpuShares(),
                List.of(ip),
                created,
                step,
                progress,
                error,
                null,
                throttles.zfsIoPriority(),
                throttles.maxLwps(),
                throttles.maxPhysicalMemory(),
                maxSwap,
                nics,
                List.of(),
                Map.copyOf(tags),
                Map.copyOf(customerMetadata),
                throttles.cpuBaseline(),
                throttles.cpuBurstSeconds(),
                throttles.diskBpsMax(),
                throttles.diskIopsMax());
    }

    /** The hostname: the alias made a valid hostname label, else zd-&lt;8 hex&gt;. */
    String hostname() {
        String a = alias == null ? "" : alias.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        a = a.replaceAll("^-+", "").replaceAll("-+$", "");
        if (a.length() > 63) {
            a = a.substring(0, 63).replaceAll("-+$", "");
        }
        return a.isEmpty() ? "zd-" + hex : a;
    }

    static long defaultQuota(CreatePayload p) {
        return VmadmDefaults.diskGiB(p);
    }
}
