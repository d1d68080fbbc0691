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

    /** zlogin as a console: recorded, and answered by a line echo standing in for the zone's shell. */
    @Override
    public io.zonedeck.agent.driver.ConsoleSession attach(List<String> argv) throws DriverException {
        calls.add(new Call(List.copyOf(argv), null));
        if (!vms.containsKey(argv.get(argv.size() - 1))) {
            throw new DriverException(DriverException.NOT_FOUND, "zlogin: No such zone configured");
        }
        io.zonedeck.agent.driver.BytePipe out = new io.zonedeck.agent.driver.BytePipe();
        out.write("[fake zone shell]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new io.zonedeck.agent.driver.ConsoleSession() {
            @Override
            public java.io.InputStream output() {
                return out;
            }

            @Override
            public java.io.OutputStream input() {
                return new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        out.write(new byte[] {(byte) b});
                    }
                };
            }

            @Override
            public void close() {
                out.end();
            }
        };
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
            case "list" -> list(a.subList(1, a.size()));
            case "lookup" -> lookup(a.subList(1, a.size()));
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

    /** {@code vmadm validate create}: vmadm's rules ({@link VmadmRules}), its success line, its JSON on stderr. */
    private Result validate(String stdin) {
        ObjectNode p;
        try {
            p = (ObjectNode) json.readTree(stdin);
        } catch (Exception e) {
            return new Result(1, "", "Invalid JSON payload: " + e.getMessage());
        }
        ObjectNode errors = VmadmRules.validate(p, imageTypes(), json);
        if (errors == null) {
            return new Result(
                    0, "", "VALID 'create' payload for " + p.path("brand").asText() + " brand VMs.");
        }
        return new Result(1, "", errors.toPrettyString());
    }

    private Result create(String stdin) {
        ObjectNode p;
        try {
            p = (ObjectNode) json.readTree(stdin);
        } catch (Exception e) {
            return new Result(1, "", "Invalid JSON payload: " + e.getMessage());
        }
        ObjectNode errors = VmadmRules.validate(p, imageTypes(), json);
        if (errors != null) {
            String failure = VmadmRules.createFailure(errors);
            if (failure != null) {
                return new Result(1, "", failure);
            }
            errors.get("bad_properties").forEach(bad -> p.remove(bad.asText()));
        }
        String modelError = VmadmRules.createError(p);
        if (modelError != null) {
            return new Result(1, "", modelError);
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
        int i = 0;
        for (JsonNode n : vm.path("nics")) {
            ((ObjectNode) n).put("interface", "net" + i++);
            if (n.has("vrrp_vrid")) {
                ((ObjectNode) n)
                        .put(
                                "mac",
                                String.format(
                                        "00:00:5e:00:01:%02x",
                                        n.get("vrrp_vrid").asInt()));
            }
        }
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
                case "update_nics" -> {
                    for (JsonNode change : e.getValue()) {
                        JsonNode target = null;
                        for (JsonNode nic : vm.path("nics")) {
                            if (nic.path("mac")
                                    .asText()
                                    .equals(change.path("mac").asText())) {
                                target = nic;
                            }
                        }
                        if (target == null) {
                            return new Result(1, "", "Invalid value(s) for: update_nics.*.mac");
                        }
                        ((ObjectNode) target).setAll((ObjectNode) change);
                    }
                }
                case "add_nics" -> {
                    ArrayNode nics = vm.has("nics") ? (ArrayNode) vm.get("nics") : vm.putArray("nics");
                    for (JsonNode n : e.getValue()) {
                        String refused = vrrpNicError(nics, n);
                        if (refused != null) {
                            return new Result(1, "", refused);
                        }
                    }
                    for (JsonNode n : e.getValue()) {
                        ObjectNode nic = n.deepCopy();
                        nic.put("interface", "net" + nics.size());
                        if (nic.has("vrrp_vrid")) {
                            nic.put(
                                    "mac",
                                    String.format(
                                            "00:00:5e:00:01:%02x",
                                            nic.get("vrrp_vrid").asInt()));
                        }
                        nics.add(nic);
                    }
                }
                default -> {
                    if (!VmadmRules.updatable(vm.path("brand").asText(), e.getKey())) {
                        return new Result(1, "", "Invalid property for update: " + e.getKey());
                    }
                    vm.set(e.getKey(), e.getValue());
                }
            }
        }
        return new Result(0, "", "Successfully updated VM " + vm.path("uuid").asText());
    }

    /** VM.js's checks of a VRRP NIC being added (VM.js:5496-5500, 5583-5586, 5743-5801); null when none fails. */
    private static String vrrpNicError(ArrayNode existing, JsonNode n) {
        if (!n.has("vrrp_vrid")) {
            return null;
        }
        if (!n.hasNonNull("vrrp_primary_ip")) {
            return "vrrp_vrid set but not vrrp_primary_ip";
        }
        if (n.has("mac")) {
            return "Cannot set both mac and vrrp_vrid";
        }
        String primary = n.get("vrrp_primary_ip").asText();
        boolean owned = false;
        for (JsonNode other : existing) {
            if (other.path("vrrp_vrid").asInt(-1) == n.get("vrrp_vrid").asInt()) {
                return "Cannot add multiple NICs with the same VRID: "
                        + n.get("vrrp_vrid").asInt();
            }
            if (addresses(other).contains(primary)) {
                if (other.has("vrrp_vrid")) {
                    return "Cannot set vrrp_primary_ip to the IP of a VRRP nic";
                }
                owned = true;
            }
        }
        return owned ? null : "vrrp_primary_ip must belong to the same VM";
    }

    /** The imgadm type of every installed image (the recorded ones and the imported ones). */
    private Map<String, String> imageTypes() {
        Map<String, String> types = new HashMap<>();
        for (JsonNode i : installedImages()) {
            types.put(
                    i.path("manifest").path("uuid").asText(),
                    i.path("manifest").path("type").asText());
        }
        return types;
    }

    /**
     * {@code vmadm list}: the table of {@code UUID TYPE RAM STATE ALIAS} (vmadm.js DEFAULT_ORDER, sorted by ram
     * then uuid), columns padded to their LIST_FIELDS width and two blanks apart; {@code -p} joins with colons and
     * drops the header, {@code -H} drops it, {@code -o} is the column order, {@code key=value} filters. vmadm's
     * option parser (nopt) takes an option it does not know as a string option, swallowing the next argument: {@code
     * -j} alone changes nothing, {@code -j -o uuid} makes {@code uuid} a filter that matches nothing (rules.md).
     */
    private Result list(List<String> args) {
        boolean parsable = false;
        boolean header = true;
        List<String> order = List.of("uuid", "type", "ram", "state", "alias");
        Map<String, String> filters = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-o") || arg.equals("-s")) {
                String value = i + 1 < args.size() ? args.get(++i) : "";
                if (arg.equals("-o")) {
                    order = List.of(value.split(","));
                }
            } else if (arg.matches("-[pHh]+")) {
                for (char c : arg.substring(1).toCharArray()) {
                    if (c == 'p') {
                        parsable = true;
                        header = false;
                    } else {
                        header = c == 'h';
                    }
                }
            } else if (arg.startsWith("-")) {
                // nopt takes an option it does not know as a string option: it swallows the next argument
                i++;
            } else {
                int eq = arg.indexOf('=');
                filters.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "" : arg.substring(eq + 1));
            }
        }
        Map<String, Integer> widths =
                Map.of("uuid", 36, "type", 4, "ram", 7, "state", 16, "alias", 10, "brand", 14, "zone_state", 10);
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode vm : vms.values()) {
            ObjectNode row = withFakeFields(vm);
            if (filters.entrySet().stream()
                    .allMatch(f -> row.path(f.getKey()).asText("").equals(f.getValue()))) {
                rows.add(row);
            }
        }
        rows.sort(java.util.Comparator.comparingLong(
                        (ObjectNode v) -> v.path("ram").asLong())
                .thenComparing(v -> v.path("uuid").asText()));
        StringBuilder out = new StringBuilder();
        if (header) {
            out.append(listLine(order, null, parsable, widths));
        }
        for (ObjectNode vm : rows) {
            out.append(listLine(order, vm, parsable, widths));
        }
        return ok(out.toString());
    }

    private static String listLine(List<String> order, ObjectNode vm, boolean parsable, Map<String, Integer> widths) {
        StringBuilder line = new StringBuilder();
        for (String field : order) {
            if (!line.isEmpty() || field != order.get(0)) {
                line.append(parsable ? ":" : "  ");
            }
            String value = vm == null
                    ? field.toUpperCase(java.util.Locale.ROOT)
                    : vm.hasNonNull(field) ? vm.get(field).asText() : parsable ? "" : "-";
            line.append(parsable ? value : String.format("%-" + widths.getOrDefault(field, 10) + "s", value));
        }
        return line.toString().stripTrailing() + "\n";
    }

    /**
     * {@code vmadm lookup}: without {@code -j} the uuids one a line; {@code -j} a JSON array of the whole VMs,
     * {@code -o a,b} only those properties; {@code -o} without {@code -j} is an error. Like list, it adds the
     * "fake fields" type and (for zones) ram.
     */
    private Result lookup(List<String> args) {
        boolean asJson = false;
        List<String> fields = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-j" -> asJson = true;
                case "-o" -> fields = List.of(args.get(++i).split(","));
                default -> {
                    // filters (key=value) are not used by the driver
                }
            }
        }
        if (fields != null && !asJson) {
            return new Result(1, "", "Cannot specify -o without -j");
        }
        if (!asJson) {
            StringBuilder out = new StringBuilder();
            vms.keySet().forEach(u -> out.append(u).append('\n'));
            return ok(out.toString());
        }
        ArrayNode arr = json.createArrayNode();
        for (ObjectNode vm : vms.values()) {
            ObjectNode full = withFakeFields(vm);
            if (fields == null) {
                arr.add(full);
            } else {
                ObjectNode some = arr.addObject();
                for (String f : fields) {
                    if (full.has(f)) {
                        some.set(f, full.get(f));
                    }
                }
            }
        }
        return ok(arr.toPrettyString() + "\n");
    }

    /** vmadm.js addFakeFields: type from the brand (OS, LX, KVM, BHYV), ram = max_physical_memory for zones. */
    private static ObjectNode withFakeFields(ObjectNode vm) {
        ObjectNode m = vm.deepCopy();
        String brand = vm.path("brand").asText();
        m.put(
                "type",
                switch (brand) {
                    case "lx" -> "LX";
                    case "kvm" -> "KVM";
                    case "bhyve" -> "BHYV";
                    default -> "OS";
                });
        if (!VmadmRules.HVM.contains(brand)) {
            m.set("ram", vm.get("max_physical_memory"));
        }
        return m;
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
        return ok(installedImages().toPrettyString());
    }

    /** The recorded images, plus the imported ones (zone-datasets). */
    private ArrayNode installedImages() {
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
        return list;
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

    /** A router vrrpadm created in a zone. */
    private static final class Router {
        final int vrid;
        final String link;
        int priority;
        int intervalMs;
        String opts;
        boolean enabled = true;

        Router(int vrid, String link, int priority, int intervalMs, String opts) {
            this.vrid = vrid;
            this.link = link;
            this.priority = priority;
            this.intervalMs = intervalMs;
            this.opts = opts;
        }
    }

    /** zone uuid → router name → router. */
    private final Map<String, Map<String, Router>> routers = new HashMap<>();

    /**
     * {@code zlogin UUID vrrpadm ...}: create-router, modify-router, delete-router, enable/disable-router and
     * show-router -p -o FIELDS. As SmartOS's VRRP procedure has it, a router is created on the link of the NIC
     * carrying the VRRP NIC's vrrp_primary_ip (smartos-docs "Using VRRP in Zones": {@code -l net1}); it comes up
     * (MASTER, no peer here) only when that NIC allows IP spoofing, else it stays INIT. Output set with {@link
     * #vrrpadm} replaces show-router's.
     */
    private Result zlogin(List<String> a) {
        String uuid = a.get(0);
        ObjectNode vm = vms.get(uuid);
        if (vm == null) {
            return new Result(1, "", "zlogin: " + uuid + ": No such zone configured");
        }
        if (a.size() < 3 || !a.get(1).equals("vrrpadm")) {
            return ok("");
        }
        Map<String, Router> zone = routers.computeIfAbsent(uuid, k -> new LinkedHashMap<>());
        List<String> args = a.subList(3, a.size());
        String name = args.isEmpty() ? null : args.get(args.size() - 1);
        switch (a.get(2)) {
            case "show-router" -> {
                if (vrrpadmOutput.containsKey(uuid)) {
                    return ok(vrrpadmOutput.get(uuid));
                }
                StringBuilder out = new StringBuilder();
                zone.forEach((n, r) -> out.append(showLine(vm, n, r)));
                return ok(out.toString());
            }
            case "create-router" -> {
                Map<String, String> o = options(args);
                int vrid = Integer.parseInt(o.get("-V"));
                JsonNode vrrpNic = null;
                for (JsonNode n : vm.path("nics")) {
                    if (n.path("vrrp_vrid").asInt(-1) == vrid) {
                        vrrpNic = n;
                    }
                }
                JsonNode link = nicByInterface(vm, o.get("-l"));
                if (vrrpNic == null || link == null || link.has("vrrp_vrid")) {
                    return new Result(1, "", "vrrpadm: create-router failed: invalid argument");
                }
                if (!addresses(link).contains(vrrpNic.path("vrrp_primary_ip").asText())) {
                    return new Result(1, "", "vrrpadm: create-router failed: invalid argument");
                }
                if (zone.containsKey(name)) {
                    return new Result(1, "", "vrrpadm: create-router failed: router already exists");
                }
                zone.put(
                        name,
                        new Router(
                                vrid,
                                o.get("-l"),
                                Integer.parseInt(o.getOrDefault("-p", "255")),
                                Integer.parseInt(o.getOrDefault("-i", "1000")),
                                o.getOrDefault("-o", "preempt,no_accept")));
                return ok("");
            }
            default -> {
                Router r = zone.get(name);
                if (r == null) {
                    return new Result(1, "", "vrrpadm: " + a.get(2) + " failed: router does not exist");
                }
                switch (a.get(2)) {
                    case "modify-router" -> {
                        Map<String, String> o = options(args);
                        r.priority = Integer.parseInt(o.getOrDefault("-p", Integer.toString(r.priority)));
                        r.intervalMs = Integer.parseInt(o.getOrDefault("-i", Integer.toString(r.intervalMs)));
                        r.opts = o.getOrDefault("-o", r.opts);
                    }
                    case "delete-router" -> zone.remove(name);
                    case "enable-router" -> r.enabled = true;
                    case "disable-router" -> r.enabled = false;
                    default -> {
                        return new Result(1, "", "vrrpadm: unknown subcommand '" + a.get(2) + "'");
                    }
                }
                return ok("");
            }
        }
    }

    /** One router in {@code show-router -p -o NAME,VRID,PRIO,ADV_INTV,MODE,STATE,PRV_STAT,...} form. */
    private String showLine(ObjectNode vm, String name, Router r) {
        JsonNode link = nicByInterface(vm, r.link);
        JsonNode vrrpNic = null;
        for (JsonNode n : vm.path("nics")) {
            if (n.path("vrrp_vrid").asInt(-1) == r.vrid) {
                vrrpNic = n;
            }
        }
        boolean up = r.enabled && link != null && link.path("allow_ip_spoofing").asBoolean(false);
        String mode = (r.enabled ? "e" : "-") + (r.priority == 255 ? "o" : "-")
                + (r.opts.contains("un_preempt") ? "-" : "p") + (r.opts.contains("no_accept") ? "-" : "a") + "-";
        String vips = vrrpNic == null ? "" : String.join(",", addresses(vrrpNic));
        String primary =
                vrrpNic == null ? "--" : vrrpNic.path("vrrp_primary_ip").asText("--");
        return String.join(
                        ":",
                        name,
                        Integer.toString(r.vrid),
                        Integer.toString(r.priority),
                        Integer.toString(r.intervalMs),
                        mode,
                        up ? "MASTER" : "INIT",
                        up ? "INIT" : "NONE",
                        "   1.000s",
                        primary,
                        vips,
                        "--",
                        "0",
                        "   0.000s")
                + "\n";
    }

    private static JsonNode nicByInterface(JsonNode vm, String iface) {
        for (JsonNode n : vm.path("nics")) {
            if (n.path("interface").asText().equals(iface)) {
                return n;
            }
        }
        return null;
    }

    private static List<String> addresses(JsonNode nic) {
        List<String> out = new ArrayList<>();
        if (nic.hasNonNull("ip")) {
            out.add(nic.get("ip").asText());
        }
        for (JsonNode ip : nic.path("ips")) {
            String s = ip.asText();
            out.add(s.contains("/") ? s.substring(0, s.indexOf('/')) : s);
        }
        return out;
    }

    /** {@code -X value} pairs of a vrrpadm command line. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).startsWith("-")) {
                o.put(args.get(i), args.get(++i));
            }
        }
        return o;
    }

    private static Result ok(String stdout) {
        return new Result(0, stdout, "");
    }
}
