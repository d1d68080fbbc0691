package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.VrrpSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The driver of a SmartOS node: vmadm for machines, zfs for snapshots, kstat and DTrace for metrics, svcs and fmadm
 * for health, vrrpadm (inside the zones) for VRRP. Every command goes through a {@link CommandRunner}; every
 * output is read by a parser that turns anything unexpected into an {@link UnexpectedOutputException} naming the
 * command and the offending line. Lifecycle calls surface those as {@link DriverException}s; list/get/sample/health
 * (which cannot throw) fall back to what they last knew and remember the error in {@link #lastError()}.
 *
 * <p>Not tested on a real SmartOS host (none was available): the output formats come from the man pages and the
 * illumos / smartos-live sources, recorded under src/test/resources/smartos.
 */
public final class SmartOsDriver implements Driver {
    static final Duration QUICK = Duration.ofSeconds(30);
    static final Duration LIFECYCLE = Duration.ofMinutes(5);
    static final Duration CREATE = Duration.ofMinutes(15);
    /**
     * vmadm lookup starts node and reads every zone's configuration (about a second on a busy node): list()
     * answers from what it read last for this long, unless a lifecycle call changed something since.
     */
    static final Duration LIST_FRESH = Duration.ofSeconds(2);

    /** Throttles vmadm applies (the rest of the protocol's have no vmadm property). */
    static final Set<String> THROTTLES =
            Set.of("cpu_cap", "cpu_shares", "zfs_io_priority", "max_physical_memory", "max_lwps");

    static final Set<String> KSTAT_METRICS = Set.of(
            "cpu",
            "cpu_cap",
            "cpu_demand",
            "cpu_shares",
            "memory",
            "memory_cap",
            "swap",
            "disk_read",
            "disk_write",
            "disk_read_ops",
            "disk_write_ops",
            "io_delay",
            "net_rx",
            "net_tx",
            "net_rx_packets",
            "net_tx_packets",
            "lwps");

    static final List<String> KSTAT =
            List.of("/usr/bin/kstat", "-p", "zones", "caps", "memory_cap", "zone_vfs", "link", "cpu::sys", "sd");

    private static final Pattern SNAPNAME = Pattern.compile("[A-Za-z0-9_.:%-]{1,64}");
    private static final String VMSNAP = "vmsnap-";

    private final CommandRunner runner;
    private final Clock clock;
    private final NodeResources resources;
    private final NodeCapabilities capabilities;
    private final SmartOsDtrace dtrace;
    private final SmartOsVrrp vrrp;
    private final ObjectMapper json = AgentJson.newMapper();
    private final Map<UUID, VmadmParser.Vm> known = new ConcurrentHashMap<>();
    private final KstatSampler sampler = new KstatSampler();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile long listedAtMs = Long.MIN_VALUE;
    private volatile boolean changedSinceList = true;
    private volatile NodeHealth lastHealth = new NodeHealth(true, List.of(), List.of());

    private SmartOsDriver(CommandRunner runner, Clock clock, NodeResources resources, SmartOsDtrace dtrace) {
        this.runner = runner;
        this.clock = clock;
        this.resources = resources;
        this.dtrace = dtrace;
        Set<String> metrics = new java.util.HashSet<>(KSTAT_METRICS);
        Set<String> distributions = Set.of();
        if (dtrace != null) {
            metrics.add("syscalls");
            distributions = Set.of("syscall_latency", "disk_latency", "runq_latency");
        }
        this.capabilities =
                new NodeCapabilities(resources.brands(), THROTTLES, metrics, distributions, true, true, null);
        this.vrrp = new SmartOsVrrp(this, runner, clock);
    }

    /** The driver of this SmartOS node (global zone, as root), with DTrace where it starts. */
    public static SmartOsDriver open(String nodeId, CommandRunner runner) throws DriverException {
        return open(nodeId, runner, Clock.systemUTC(), true);
    }

    /**
     * @param withDtrace whether to start the D program for syscalls and latency distributions (when it does not
     *     start, the node simply does not advertise them)
     */
    public static SmartOsDriver open(String nodeId, CommandRunner runner, Clock clock, boolean withDtrace)
            throws DriverException {
        SysinfoParser.Sysinfo sys = SysinfoParser.parse(ok(runner, List.of("/usr/bin/sysinfo"), null, QUICK));
        ZfsParser.Space space = ZfsParser.parseSpace(
                "zfs list -H -p -o used,available zones",
                ok(runner, List.of("/usr/sbin/zfs", "list", "-H", "-p", "-o", "used,available", "zones"), null, QUICK));
        List<String> brands = new ArrayList<>(List.of("joyent", "joyent-minimal", "lx"));
        if (sys.kvmCapable()) {
            brands.add("kvm");
        }
        if (sys.bhyveCapable()) {
            brands.add("bhyve");
        }
        String host = sys.hostname() == null || sys.hostname().isBlank() ? nodeId : sys.hostname();
        long diskGiB = Math.max(1, space.totalBytes() >> 30);
        NodeResources res = new NodeResources(host, sys.cpus(), sys.ramMiB(), diskGiB, brands);
        SmartOsDtrace dt = null;
        if (withDtrace) {
            try {
                dt = SmartOsDtrace.start(runner);
            } catch (DriverException e) {
                dt = null;
            }
        }
        SmartOsDriver d = new SmartOsDriver(runner, clock, res, dt);
        if (withDtrace && dt == null) {
            d.lastError.set("dtrace did not start: syscalls and latency distributions are not measured");
        }
        return d;
    }

    @Override
    public String name() {
        return "smartos";
    }

    @Override
    public NodeResources resources() {
        return resources;
    }

    @Override
    public NodeCapabilities capabilities() {
        return capabilities;
    }

    /** The last error list/get/sample/health swallowed (they cannot throw), or null. */
    public String lastError() {
        return lastError.get();
    }

    // ---- machines ----

    @Override
    public List<MachineInfo> list() {
        if (!changedSinceList && clock.millis() - listedAtMs < LIST_FRESH.toMillis()) {
            return known.values().stream().map(VmadmParser.Vm::info).toList();
        }
        try {
            return vms().stream().map(VmadmParser.Vm::info).toList();
        } catch (DriverException e) {
            lastError.set(e.getMessage());
            return known.values().stream().map(VmadmParser.Vm::info).toList();
        }
    }

    /**
     * {@code vmadm lookup -j -o ...}, refreshing what the driver knows. A VM it cannot read is listed as unknown
     * and the reason kept in {@link #lastError()}.
     */
    List<VmadmParser.Vm> vms() throws DriverException {
        changedSinceList = false;
        List<VmadmParser.Vm> vms;
        try {
            vms = VmadmParser.parseList(
                    vmadm(VmadmParser.LOOKUP_ARGS, null, QUICK), e -> lastError.set(e.getMessage()));
        } catch (DriverException e) {
            changedSinceList = true;
            throw e;
        }
        listedAtMs = clock.millis();
        Map<UUID, VmadmParser.Vm> now = new java.util.LinkedHashMap<>();
        for (VmadmParser.Vm vm : vms) {
            if (vm.info().state() != MachineState.DESTROYED) {
                now.put(vm.info().uuid(), vm);
            }
        }
        known.keySet().retainAll(now.keySet());
        known.putAll(now);
        return List.copyOf(now.values());
    }

    @Override
    public Optional<MachineInfo> get(UUID uuid) {
        try {
            return find(uuid).map(VmadmParser.Vm::info);
        } catch (DriverException e) {
            lastError.set(e.getMessage());
            return Optional.ofNullable(known.get(uuid)).map(VmadmParser.Vm::info);
        }
    }

    /** vmadm get: empty when vmadm says there is no such VM. */
    Optional<VmadmParser.Vm> find(UUID uuid) throws DriverException {
        List<String> args = List.of("get", uuid.toString());
        CommandRunner.Result r = runner.run(vmadmArgv(args), null, QUICK);
        if (!r.ok()) {
            DriverException e = VmadmParser.failure("vmadm get " + uuid, r);
            if (e.code().equals(DriverException.NOT_FOUND)) {
                known.remove(uuid);
                return Optional.empty();
            }
            throw e;
        }
        VmadmParser.Vm vm = VmadmParser.parseGet(uuid.toString(), r.stdout());
        if (vm.info().state() == MachineState.DESTROYED) {
            known.remove(uuid);
            return Optional.empty();
        }
        known.put(uuid, vm);
        return Optional.of(vm);
    }

    /** zlogin for zones, the VNC server of {@code vmadm info UUID vnc} for hardware VMs ({@link SmartOsConsole}). */
    @Override
    public io.zonedeck.agent.driver.ConsoleSession openConsole(
            UUID uuid, io.zonedeck.agent.api.ConsoleKind kind, int cols, int rows) throws DriverException {
        return SmartOsConsole.open(runner, require(uuid), kind, vmadmArgv(List.of("info", uuid.toString(), "vnc")));
    }

    VmadmParser.Vm require(UUID uuid) throws DriverException {
        return find(uuid).orElseThrow(() -> new DriverException(DriverException.NOT_FOUND, "no machine " + uuid));
    }

    @Override
    public void create(CreatePayload payload, ProgressListener progress) throws DriverException {
        if (payload.uuid() == null) {
            throw new DriverException(DriverException.INVALID, "uuid is required");
        }
        if (payload.brand() == null || !capabilities.runsBrand(payload.brand())) {
            throw new DriverException(
                    DriverException.INVALID, "brand " + payload.brand() + " is not supported on this node");
        }
        if (find(payload.uuid()).isPresent()) {
            throw new DriverException(DriverException.DUPLICATE, "machine " + payload.uuid() + " already exists");
        }
        List<ImgadmParser.Image> installed = importImages(payload, progress);
        String kernel = "lx".equals(payload.brand()) ? lxKernelVersion(payload.imageUuid(), installed) : null;
        String stdin = write(VmadmPayload.create(payload, kernel, json));
        progress.step("validating payload", 5);
        CommandRunner.Result v = runner.run(vmadmArgv(List.of("validate", "create")), stdin, QUICK);
        if (!v.ok()) {
            VmadmParser.ValidationErrors errors = VmadmParser.parseValidationErrors(v.stdout() + v.stderr());
            throw new DriverException(DriverException.INVALID, "vmadm validate create: " + errors.describe());
        }
        progress.step("vmadm create", 10);
        vmadm(List.of("create"), stdin, CREATE);
        progress.step("running", 100);
        find(payload.uuid());
    }

    /**
     * The kernel_version vmadm requires of an lx zone: the image's {@code tags.kernel_version}, else {@link
     * VmadmPayload#LX_KERNEL_VERSION} (it is only what uname reports inside the zone).
     */
    private static String lxKernelVersion(UUID image, List<ImgadmParser.Image> installed) {
        return installed.stream()
                .filter(i -> i.uuid().equals(image))
                .map(ImgadmParser.Image::kernelVersion)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(VmadmPayload.LX_KERNEL_VERSION);
    }

    /** The images installed on the node ({@code imgadm list -j}). */
    public List<ImgadmParser.Image> images() throws DriverException {
        return ImgadmParser.parse(ok(runner, List.of("/usr/sbin/imgadm", "list", "-j"), null, QUICK));
    }

    /**
     * vmadm create needs its images installed: {@code imgadm import} those that are not (from imgadm's sources).
     *
     * @return the images installed now (read again only when one was imported); empty when the payload names none
     */
    private List<ImgadmParser.Image> importImages(CreatePayload payload, ProgressListener progress)
            throws DriverException {
        Set<UUID> wanted = new java.util.LinkedHashSet<>();
        if (payload.imageUuid() != null) {
            wanted.add(payload.imageUuid());
        }
        if (payload.disks() != null) {
            payload.disks().stream()
                    .map(io.zonedeck.agent.api.Disk::imageUuid)
                    .filter(java.util.Objects::nonNull)
                    .forEach(wanted::add);
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<ImgadmParser.Image> images = images();
        Set<UUID> installed = new java.util.HashSet<>();
        images.forEach(i -> installed.add(i.uuid()));
        boolean imported = false;
        for (UUID image : wanted) {
            if (!installed.contains(image)) {
                progress.step("importing image " + image, 2);
                CommandRunner.Result r =
                        runner.run(List.of("/usr/sbin/imgadm", "import", "-q", image.toString()), null, CREATE);
                if (!r.ok()) {
                    String msg = VmadmParser.firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
                    String code = msg != null
                                    && msg.toLowerCase(java.util.Locale.ROOT).contains("not found")
                            ? DriverException.INVALID
                            : DriverException.OPERATION_FAILED;
                    throw new DriverException(code, "imgadm import " + image + " exited " + r.exitCode() + ": " + msg);
                }
                imported = true;
            }
        }
        return imported ? images() : images;
    }

    @Override
    public void start(UUID uuid) throws DriverException {
        VmadmParser.Vm vm = require(uuid);
        if (vm.info().state() == MachineState.RUNNING) {
            return;
        }
        vmadm(List.of("start", uuid.toString()), null, LIFECYCLE);
        find(uuid);
    }

    @Override
    public void stop(UUID uuid) throws DriverException {
        VmadmParser.Vm vm = require(uuid);
        if (vm.info().state() == MachineState.STOPPED) {
            return;
        }
        vmadm(List.of("stop", uuid.toString()), null, LIFECYCLE);
        find(uuid);
    }

    @Override
    public void reboot(UUID uuid) throws DriverException {
        VmadmParser.Vm vm = require(uuid);
        if (vm.info().state() != MachineState.RUNNING) {
            throw new DriverException(
                    DriverException.INVALID_STATE,
                    "cannot reboot " + uuid + " while " + vm.info().state().wire());
        }
        vmadm(List.of("reboot", uuid.toString()), null, LIFECYCLE);
        find(uuid);
    }

    @Override
    public void delete(UUID uuid) throws DriverException {
        require(uuid);
        vmadm(List.of("delete", uuid.toString()), null, LIFECYCLE);
        known.remove(uuid);
    }

    @Override
    public void update(UUID uuid, UpdatePayload update) throws DriverException {
        require(uuid);
        ObjectNode body = VmadmPayload.update(update, json);
        if (body.isEmpty()) {
            return;
        }
        vmadm(List.of("update", uuid.toString()), write(body), LIFECYCLE);
        find(uuid);
    }

    // ---- snapshots ----

    @Override
    public List<SnapshotInfo> snapshots(UUID uuid) throws DriverException {
        require(uuid);
        return zfsSnapshots(uuid);
    }

    private List<SnapshotInfo> zfsSnapshots(UUID uuid) throws DriverException {
        String dataset = "zones/" + uuid;
        List<String> argv = List.of(
                "/usr/sbin/zfs", "list", "-H", "-p", "-t", "snapshot", "-o", "name,creation,used", "-d", "1", dataset);
        String cmd = "zfs list -H -p -t snapshot -o name,creation,used -d 1 " + dataset;
        List<SnapshotInfo> out = new ArrayList<>();
        for (ZfsParser.Snapshot s : ZfsParser.parseSnapshots(cmd, ok(runner, argv, null, QUICK))) {
            if (s.name().startsWith(VMSNAP)) {
                out.add(new SnapshotInfo(s.name().substring(VMSNAP.length()), s.created()));
            }
        }
        return out;
    }

    @Override
    public void createSnapshot(UUID uuid, String name) throws DriverException {
        snapshotTarget(uuid, name);
        if (zfsSnapshots(uuid).stream().anyMatch(s -> s.name().equals(name))) {
            throw new DriverException(DriverException.DUPLICATE, "snapshot " + name + " exists");
        }
        vmadm(List.of("create-snapshot", uuid.toString(), name), null, LIFECYCLE);
    }

    @Override
    public void rollbackSnapshot(UUID uuid, String name) throws DriverException {
        VmadmParser.Vm vm = snapshotTarget(uuid, name);
        requireSnapshot(uuid, name);
        boolean running = vm.info().state() == MachineState.RUNNING;
        if (running) {
            vmadm(List.of("stop", uuid.toString()), null, LIFECYCLE);
        }
        vmadm(List.of("rollback-snapshot", uuid.toString(), name), null, LIFECYCLE);
        if (running) {
            vmadm(List.of("start", uuid.toString()), null, LIFECYCLE);
        }
        find(uuid);
    }

    @Override
    public void deleteSnapshot(UUID uuid, String name) throws DriverException {
        snapshotTarget(uuid, name);
        requireSnapshot(uuid, name);
        vmadm(List.of("delete-snapshot", uuid.toString(), name), null, LIFECYCLE);
    }

    private VmadmParser.Vm snapshotTarget(UUID uuid, String name) throws DriverException {
        VmadmParser.Vm vm = require(uuid);
        if ("kvm".equals(vm.info().brand())) {
            throw new DriverException(DriverException.NOT_SUPPORTED, "snapshots are not supported for kvm VMs");
        }
        if (name == null || !SNAPNAME.matcher(name).matches()) {
            throw new DriverException(
                    DriverException.INVALID, "snapshot names are 1-64 characters of A-Z a-z 0-9 - _ . : %");
        }
        return vm;
    }

    private void requireSnapshot(UUID uuid, String name) throws DriverException {
        if (zfsSnapshots(uuid).stream().noneMatch(s -> s.name().equals(name))) {
            throw new DriverException(DriverException.NOT_FOUND, "no snapshot " + name + " of machine " + uuid);
        }
    }

    // ---- metrics and health ----

    @Override
    public synchronized NodeSample sample() {
        List<KstatParser.Kstat> kstats;
        try {
            CommandRunner.Result r = runner.run(KSTAT, null, QUICK);
            if (!r.ok()) {
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "kstat -p exited " + r.exitCode() + ": " + VmadmParser.firstLine(r.stderr()));
            }
            kstats = KstatParser.parse("kstat -p", r.stdout(), e -> lastError.set(e.getMessage()));
        } catch (DriverException e) {
            lastError.set(e.getMessage());
            kstats = List.of();
        }
        DtraceParser.Second second = dtrace == null ? null : dtrace.take();
        String dtraceError = dtrace == null ? null : dtrace.takeError();
        if (dtraceError != null) {
            lastError.set(dtraceError);
        }
        return sampler.sample(kstats, resources.cpus(), this::shares, second);
    }

    private int shares(UUID uuid) {
        VmadmParser.Vm vm = known.get(uuid);
        return vm == null ? 100 : vm.info().cpuShares();
    }

    /**
     * SMF services and FMA faults, each read on its own: output one parser cannot read keeps that half's last
     * answer (and the reason in {@link #lastError()}) without hiding the other half.
     */
    @Override
    public NodeHealth health() {
        NodeHealth before = lastHealth;
        List<SmfService> services = before.services();
        List<FmaFault> faults = before.faults();
        try {
            String list = ok(runner, List.of("/usr/bin/svcs", "-H", "-o", "state,stime,fmri"), null, QUICK);
            String explain = ok(runner, List.of("/usr/bin/svcs", "-xv"), null, QUICK);
            services = SvcsParser.parse(list, explain, clock, e -> lastError.set(e.getMessage()));
        } catch (DriverException e) {
            lastError.set(e.getMessage());
        }
        try {
            faults = FmadmParser.parse(ok(runner, List.of("/usr/sbin/fmadm", "faulty"), null, QUICK), clock);
        } catch (DriverException e) {
            lastError.set(e.getMessage());
        }
        lastHealth = new NodeHealth(true, services, faults);
        return lastHealth;
    }

    @Override
    public Optional<VrrpSupport> vrrp() {
        return Optional.of(vrrp);
    }

    @Override
    public void close() {
        if (dtrace != null) {
            dtrace.close();
        }
    }

    // ---- commands ----

    private static List<String> vmadmArgv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/sbin/vmadm");
        argv.addAll(args);
        return argv;
    }

    /** Runs vmadm; a non-zero exit becomes the DriverException its message says. */
    private String vmadm(List<String> args, String stdin, Duration timeout) throws DriverException {
        if (!args.get(0).equals("lookup")
                && !args.get(0).equals("get")
                && !args.get(0).equals("validate")) {
            changedSinceList = true;
        }
        CommandRunner.Result r = runner.run(vmadmArgv(args), stdin, timeout);
        if (!r.ok()) {
            throw VmadmParser.failure("vmadm " + String.join(" ", args), r);
        }
        return r.stdout();
    }

    /** Runs a command that must exit 0. */
    static String ok(CommandRunner runner, List<String> argv, String stdin, Duration timeout) throws DriverException {
        CommandRunner.Result r = runner.run(argv, stdin, timeout);
        if (!r.ok()) {
            String msg = VmadmParser.firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    String.join(" ", argv) + " exited " + r.exitCode()
                            + (msg == null || msg.isEmpty() ? "" : ": " + msg));
        }
        return r.stdout();
    }

    private String write(ObjectNode body) throws DriverException {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new DriverException(DriverException.INVALID, "cannot write the vmadm payload: " + e.getMessage(), e);
        }
    }

    Clock clock() {
        return clock;
    }
}
