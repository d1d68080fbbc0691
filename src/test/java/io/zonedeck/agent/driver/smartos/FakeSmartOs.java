package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonedeck.agent.driver.DriverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A tiny SmartOS node in memory behind the {@link CommandRunner} interface: vmadm, zfs, kstat, imgadm, sysinfo,
 * svcs, fmadm and zlogin … vrrpadm answer in their real output formats (the recorded ones under
 * src/test/resources/smartos where the content does not depend on the node's state). Every call is recorded, and
 * any command can be made to answer something else ({@link #override}).
 */
final class FakeSmartOs implements CommandRunner {
    /** One command as the driver ran it. */
    record Call(List<String> argv, String stdin) {
        /** "vmadm create" for /usr/sbin/vmadm create. */
        String command() {
            List<String> a = new ArrayList<>(argv);
            String first = a.get(0);
            a.set(0, first.substring(first.lastIndexOf('/') + 1));
            return String.join(" ", a);
        }
    }

    private static final Set<String> VMADM_KNOWS = Set.of(
            "uuid",
            "brand",
            "alias",
            "image_uuid",
            "max_physical_memory",
            "quota",
            "cpu_cap",
            "cpu_shares",
            "zfs_io_priority",
            "max_lwps",
            "vcpus",
            "nics",
            "customer_metadata",
            "tags",
            "ram",
            "max_swap",
            "disks",
            "resolvers",
            "autoboot");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> vms = new LinkedHashMap<>();
    private final Map<String, List<String[]>> snapshots = new HashMap<>();
    private final Map<String, Result> overrides = new HashMap<>();
    private final Map<String, String> vrrpadmOutput = new HashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private int nextZoneId = 20;
    private long tick;
    private long epoch = 1_764_057_600L;
    private volatile Consumer<String> dtraceSink;

    /** From now on, the command (as {@link Call#command()} starts) answers {@code result}. */
    synchronized FakeSmartOs override(String commandPrefix, Result result) {
        overrides.put(commandPrefix, result);
        return this;
    }

    synchronized void clearOverrides() {
        overrides.clear();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String commandPrefix) {
        return calls.stream().filter(c -> c.command().startsWith(commandPrefix)).toList();
    }

    synchronized JsonNode vm(UUID uuid) {
        return vms.get(uuid.toString()).deepCopy();
    }

    /** What {@code zlogin UUID vrrpadm show-router ...} prints for the machine. */
    synchronized void vrrpadm(UUID uuid, String output) {
        vrrpadmOutput.put(uuid.toString(), output);
    }

    /** Hands lines to a running dtrace, as its stdout. */
    void dtraceLines(String text) {
        Consumer<String> sink = dtraceSink;
        if (sink == null) {
            throw new IllegalStateException("dtrace is not running");
        }
        for (String line : text.split("\n", -1)) {
            sink.accept(line);
        }
    }

    @Override
    public synchronized Result run(List<String> argv, String stdin, Duration timeout) throws DriverException {
        Call call = new Call(List.copyOf(argv), stdin);
        calls.add(call);
        String cmd = call.command();
        for (Map.Entry<String, Result> o : overrides.entrySet()) {
            if (cmd.startsWith(o.getKey())) {
                return o.getValue();
            }
        }
        List<String> a = argv.subList(1, argv.size());
        return switch (cmd.split(" ")[0]) {
            case "sysinfo" -> ok(Recorded.read("sysinfo.json"));
            case "imgadm" -> imgadm(a);
            case "svcs" -> ok(a.contains("-xv") ? Recorded.read("svcs-xv.txt") : Recorded.read("svcs-list.txt"));
            case "fmadm" -> ok(Recorded.read("fmadm-faulty.txt"));
            case "zfs" -> zfs(a);
            case "vmadm" -> vmadm(a, stdin);
            case "kstat" -> ok(kstat());
            case "zlogin" -> zlogin(a);
            default -> new Result(127, "", "sh: " + argv.get(0) + ": not found");
        };
    }

    @Override
    public Running spawn(List<String> argv, Consumer<String> onLine) {
        calls.add(new Call(List.copyOf(argv), null));
        dtraceSink = onLine;
        return new Running() {
            @Override
            public boolean alive() {
                return dtraceSink != null;
            }

            @Override
            public void close() {
                dtraceSink = null;
            }
        };
    }

    // ---- vmadm ----

    private Result vmadm(List<String> a, String stdin) {
        String sub = a.get(0);
        return switch (sub) {
            case "list" -> {
                ArrayNode arr = json.createArrayNode();
                vms.values().forEach(arr::add);
                yield ok(arr.toPrettyString());
            }
            case "get" -> withVm(a.get(1), vm -> ok(vm.toPrettyString()));
            case "validate" -> validate(stdin);
            case "create" -> create(stdin);
            case "start" ->
                withVm(a.get(1), vm -> {
                    if (vm.path("state").asText().equals("running")) {
                        return new Result(0, "", "VM is already running");
                    }
                    setState(vm, "running");
                    return new Result(0, "", "Successfully started VM " + a.get(1));
                });
            case "stop" ->
                withVm(a.get(1), vm -> {
                    setState(vm, "stopped");
                    return new Result(0, "", "Successfully completed stop for VM " + a.get(1));
                });
            case "reboot" ->
                withVm(a.get(1), vm -> {
                    if (!vm.path("state").asText().equals("running")) {
                        return new Result(1, "", "VM " + a.get(1) + " is not running");
                    }
                    return new Result(0, "", "Successfully completed reboot for VM " + a.get(1));
                });
            case "delete" ->
                withVm(a.get(1), vm -> {
                    vms.remove(a.get(1));
                    snapshots.remove(a.get(1));
                    return new Result(0, "", "Successfully deleted VM " + a.get(1));
                });
            case "update" -> withVm(a.get(1), vm -> update(vm, stdin));
            case "create-snapshot" ->
                withVm(a.get(1), vm -> {
                    List<String[]> list = snapshots.computeIfAbsent(a.get(1), k -> new ArrayList<>());
                    if (list.stream().anyMatch(s -> s[0].equals(a.get(2)))) {
                        return new Result(1, "", "snapshot with name " + a.get(2) + " already exists");
                    }
                    list.add(new String[] {a.get(2), Long.toString(epoch + list.size())});
                    return new Result(0, "", "Created snapshot " + a.get(2) + " for VM " + a.get(1));
                });
            case "delete-snapshot" ->
                withVm(a.get(1), vm -> {
                    snapshots.getOrDefault(a.get(1), new ArrayList<>()).removeIf(s -> s[0].equals(a.get(2)));
                    return new Result(0, "", "Deleted snapshot " + a.get(2) + " for VM " + a.get(1));
                });
            case "rollback-snapshot" ->
                withVm(a.get(1), vm -> {
                    List<String[]> list = snapshots.getOrDefault(a.get(1), new ArrayList<>());
                    int i = 0;
                    while (i < list.size() && !list.get(i)[0].equals(a.get(2))) {
                        i++;
                    }
                    while (list.size() > i + 1) {
                        list.remove(list.size() - 1);
                    }
                    return new Result(0, "", "Rolled back snapshot " + a.get(2) + " for VM " + a.get(1));
                });
            default -> new Result(1, "", "Invalid command: \"" + sub + "\".");
        };
    }

    private Result validate(String stdin) {
        ObjectNode p;
        try {
            p = (ObjectNode) json.readTree(stdin);
        } catch (Exception e) {
            return new Result(1, "", "Invalid JSON payload: " + e.getMessage());
        }
        List<String> bad = new ArrayList<>();
        List<String> badValues = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!VMADM_KNOWS.contains(f)) {
                bad.add(f);
            }
        }
        if (p.path("max_physical_memory").asLong(256) < 0) {
            badValues.add("max_physical_memory");
        }
        if (!p.hasNonNull("brand")) {
            missing.add("brand");
        }
        if (bad.isEmpty() && badValues.isEmpty() && missing.isEmpty()) {
            return new Result(
                    0, "", "VALID 'create' payload for " + p.path("brand").asText() + " brand VMs.");
        }
        ObjectNode e = json.createObjectNode();
        e.set("bad_values", json.valueToTree(badValues));
        e.set("bad_properties", json.valueToTree(bad));
        e.set("missing_properties", json.valueToTree(missing));
        return new Result(1, "", e.toPrettyString());
    }

    private Result create(String stdin) {
        ObjectNode p;
        try {
            p = (ObjectNode) json.readTree(stdin);
        } catch (Exception e) {
            return new Result(1, "", "Invalid JSON payload: " + e.getMessage());
        }
        String uuid = p.path("uuid").asText(UUID.randomUUID().toString());
        if (vms.containsKey(uuid)) {
            return new Result(1, "", "VM with uuid " + uuid + " already exists");
        }
        ObjectNode vm = p.deepCopy();
        vm.put("uuid", uuid);
        vm.put("zonename", uuid);
        vm.put("create_timestamp", "2026-11-25T08:00:00.000Z");
        if (!vm.has("max_physical_memory")) {
            vm.put("max_physical_memory", 256);
        }
        if (!vm.has("quota")) {
            vm.put("quota", 10);
        }
        if (!vm.has("cpu_shares")) {
            vm.put("cpu_shares", 100);
        }
        vm.put("zoneid", nextZoneId++);
        setState(vm, p.path("autoboot").asBoolean(true) ? "running" : "stopped");
        vms.put(uuid, vm);
        return new Result(0, "", "Successfully created VM " + uuid);
    }

    private Result update(ObjectNode vm, String stdin) {
        JsonNode u;
        try {
            u = json.readTree(stdin);
        } catch (Exception e) {
            return new Result(1, "", "Invalid JSON payload: " + e.getMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = u.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "set_tags" -> {
                    ObjectNode tags = vm.has("tags") ? (ObjectNode) vm.get("tags") : vm.putObject("tags");
                    tags.setAll((ObjectNode) e.getValue());
                }
                case "add_nics" -> {
                    ArrayNode nics = vm.has("nics") ? (ArrayNode) vm.get("nics") : vm.putArray("nics");
                    for (JsonNode n : e.getValue()) {
                        ObjectNode nic = n.deepCopy();
                        nic.put("interface", "net" + nics.size());
                        nics.add(nic);
                    }
                }
                default -> {
                    if (!VMADM_KNOWS.contains(e.getKey())) {
                        return new Result(1, "", "Invalid property for update: " + e.getKey());
                    }
                    vm.set(e.getKey(), e.getValue());
                }
            }
        }
        return new Result(0, "", "Successfully updated VM " + vm.path("uuid").asText());
    }

    private void setState(ObjectNode vm, String state) {
        vm.put("state", state);
        vm.put("zone_state", state.equals("stopped") ? "installed" : state);
    }

    private Result withVm(String uuid, java.util.function.Function<ObjectNode, Result> f) {
        ObjectNode vm = vms.get(uuid);
        if (vm == null) {
            return new Result(1, "", "zoneadm: " + uuid + ": No such zone configured");
        }
        return f.apply(vm);
    }

    // ---- imgadm ----

    private final List<String> imported = new ArrayList<>();

    /** The recorded images, plus whatever was imported; any uuid imports (the fake has every source). */
    private Result imgadm(List<String> a) {
        if (a.get(0).equals("import")) {
            String uuid = a.get(a.size() - 1);
            imported.add(uuid);
            return new Result(0, "Imported image " + uuid + "\n", "");
        }
        ArrayNode list;
        try {
            list = (ArrayNode) json.readTree(Recorded.read("imgadm-list.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String uuid : imported) {
            ObjectNode entry = list.addObject();
            entry.putObject("manifest")
                    .put("uuid", uuid)
                    .put("name", "imported")
                    .put("type", "zone-dataset");
            entry.put("zpool", "zones");
        }
        return ok(list.toPrettyString());
    }

    // ---- zfs ----

    private Result zfs(List<String> a) {
        String dataset = a.get(a.size() - 1);
        if (a.contains("snapshot")) {
            String uuid = dataset.substring("zones/".length());
            if (!vms.containsKey(uuid)) {
                return new Result(1, "", "cannot open '" + dataset + "': dataset does not exist");
            }
            StringBuilder out = new StringBuilder();
            for (String[] s : snapshots.getOrDefault(uuid, List.of())) {
                out.append(dataset)
                        .append("@vmsnap-")
                        .append(s[0])
                        .append('\t')
                        .append(s[1])
                        .append("\t65536\n");
            }
            return ok(out.toString());
        }
        return ok(Recorded.read("zfs-space.txt"));
    }

    // ---- kstat ----

    /** Each read is one second later; a running zone burns min(cap, 80) % of a CPU. */
    private String kstat() {
        tick++;
        double snap = 86400.0 + tick;
        StringBuilder s = new StringBuilder();
        long idle = 0;
        for (ObjectNode vm : vms.values()) {
            if (!vm.path("state").asText().equals("running")) {
                continue;
            }
            String zone = vm.get("uuid").asText();
            int zid = vm.get("zoneid").asInt();
            String trunc = zone.substring(0, 30);
            int cap = vm.path("cpu_cap").asInt(0);
            long burnNs = (long) (Math.min(cap == 0 ? 80 : cap, 80) / 100.0 * 1e9);
            idle += burnNs;
            line(s, "caps", zid, "cpucaps_zone_" + zid, "baseline", "0");
            line(s, "caps", zid, "cpucaps_zone_" + zid, "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
            line(s, "caps", zid, "cpucaps_zone_" + zid, "usage", Integer.toString(Math.min(cap == 0 ? 80 : cap, 80)));
            line(s, "caps", zid, "cpucaps_zone_" + zid, "value", Integer.toString(cap));
            line(s, "caps", zid, "cpucaps_zone_" + zid, "zonename", zone);
            line(
                    s,
                    "memory_cap",
                    zid,
                    trunc,
                    "physcap",
                    Long.toString(vm.path("max_physical_memory").asLong() << 20));
            line(s, "memory_cap", zid, trunc, "rss", Long.toString(64L << 20));
            line(s, "memory_cap", zid, trunc, "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
            line(s, "memory_cap", zid, trunc, "swap", Long.toString(64L << 20));
            line(s, "memory_cap", zid, trunc, "zonename", zone);
            line(s, "zone_vfs", zid, trunc, "nread", Long.toString(tick * 4096));
            line(s, "zone_vfs", zid, trunc, "nwritten", Long.toString(tick * 8192));
            line(s, "zone_vfs", zid, trunc, "reads", Long.toString(tick));
            line(s, "zone_vfs", zid, trunc, "writes", Long.toString(tick * 2));
            line(s, "zone_vfs", zid, trunc, "delay_time", "0");
            line(s, "zone_vfs", zid, trunc, "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
            line(s, "zone_vfs", zid, trunc, "zonename", zone);
            line(s, "zones", zid, trunc, "nsec_sys", "0");
            line(s, "zones", zid, trunc, "nsec_user", Long.toString(tick * burnNs));
            line(s, "zones", zid, trunc, "nsec_waitrq", "0");
            line(s, "zones", zid, trunc, "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
            line(s, "zones", zid, trunc, "zonename", zone);
            line(s, "link", 0, "z" + zid + "_net0", "rbytes64", Long.toString(tick * 1000));
            line(s, "link", 0, "z" + zid + "_net0", "obytes64", Long.toString(tick * 2000));
            line(s, "link", 0, "z" + zid + "_net0", "ipackets64", Long.toString(tick));
            line(s, "link", 0, "z" + zid + "_net0", "opackets64", Long.toString(tick * 2));
            line(s, "link", 0, "z" + zid + "_net0", "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
            line(s, "link", 0, "z" + zid + "_net0", "zonename", zone);
        }
        line(s, "cpu", 0, "sys", "cpu_nsec_user", Long.toString(tick * idle));
        line(s, "cpu", 0, "sys", "cpu_nsec_kernel", "0");
        line(s, "cpu", 0, "sys", "snaptime", String.format(java.util.Locale.ROOT, "%.9f", snap));
        return s.toString();
    }

    private static void line(StringBuilder s, String module, int inst, String name, String stat, String value) {
        s.append(module)
                .append(':')
                .append(inst)
                .append(':')
                .append(name)
                .append(':')
                .append(stat)
                .append('\t')
                .append(value)
                .append('\n');
    }

    // ---- zlogin vrrpadm ----

    private Result zlogin(List<String> a) {
        String uuid = a.get(0);
        if (!vms.containsKey(uuid)) {
            return new Result(1, "", "zlogin: " + uuid + ": No such zone configured");
        }
        if (a.size() > 2 && a.get(1).equals("vrrpadm") && a.get(2).equals("show-router")) {
            return ok(vrrpadmOutput.getOrDefault(uuid, ""));
        }
        return ok("");
    }

    private static Result ok(String stdout) {
        return new Result(0, stdout, "");
    }
}
