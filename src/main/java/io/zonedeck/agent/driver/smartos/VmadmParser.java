package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.driver.DriverException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads vmadm's output: {@code vmadm lookup -j -o ...} (a JSON array of VM objects), {@code vmadm get UUID} (one
 * object),
 * {@code vmadm validate} and the error text vmadm prints on stderr when it exits 1.
 */
public final class VmadmParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The properties the driver reads, asked for with {@code vmadm lookup -j -o}: vmadm then loads only what these
     * need. {@code do_not_inventory} is set on VMs Triton keeps out of its inventory (the target of a migration
     * while it receives, for one); they are left out, as node-vmadm does.
     */
    static final List<String> FIELDS = List.of(
            "uuid",
            "alias",
            "brand",
            "state",
            "zone_state",
            "zoneid",
            "image_uuid",
            "disks",
            "nics",
            "create_timestamp",
            "max_physical_memory",
            "quota",
            "cpu_cap",
            "cpu_shares",
            "vcpus",
            "zfs_io_priority",
            "max_lwps",
            "ram",
            "max_swap",
            "tags",
            "customer_metadata",
            "do_not_inventory");

    /** How the driver lists machines: {@code vmadm list} has no JSON output (its -o is the column order). */
    static final List<String> LOOKUP_ARGS = List.of("lookup", "-j", "-o", String.join(",", FIELDS));

    static final String LOOKUP = "vmadm lookup -j -o " + String.join(",", FIELDS);

    /** One VM as vmadm reports it, with the vmadm properties the driver needs besides {@link MachineInfo}. */
    public record Vm(MachineInfo info, int zoneId, String zoneState, List<VmNic> nics) {
        /** The NICs with a VRRP router id. */
        public List<VmNic> vrrpNics() {
            return nics.stream().filter(n -> n.vrrpVrid() != null).toList();
        }

        /** The NIC of the VM whose addresses include {@code ip} (without prefix). */
        public java.util.Optional<VmNic> nicWith(String ip) {
            return nics.stream().filter(n -> n.addresses().contains(ip)).findFirst();
        }
    }

    /**
     * A NIC as vmadm lists it: its interface inside the zone (net0…), mac, ips (CIDR, or dhcp/addrconf), whether
     * it may send from other addresses, and vmadm's vrrp_vrid / vrrp_primary_ip when it is a VRRP NIC.
     */
    public record VmNic(
            String iface,
            String mac,
            List<String> ips,
            boolean allowIpSpoofing,
            Integer vrrpVrid,
            String vrrpPrimaryIp) {
        /** The static addresses, without prefix. */
        public List<String> addresses() {
            return ips.stream()
                    .filter(ip -> !ip.equals("dhcp") && !ip.equals("addrconf"))
                    .map(ip -> ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip)
                    .toList();
        }

        /** The prefix length of {@code ip} on this NIC, or null when it has none. */
        public Integer prefixOf(String ip) {
            for (String a : ips) {
                if (a.startsWith(ip + "/")) {
                    try {
                        return Integer.parseInt(a.substring(ip.length() + 1));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    private VmadmParser() {}

    /**
     * {@code vmadm lookup -j -o FIELDS}: a JSON array of VM objects. A VM that cannot be read does not break the
     * list: it is handed to {@code onError} and, when its uuid can be read, listed in state {@link
     * MachineState#UNKNOWN} with the reason as its error.
     */
    public static List<Vm> parseList(String stdout, Consumer<UnexpectedOutputException> onError)
            throws UnexpectedOutputException {
        String cmd = LOOKUP;
        JsonNode root = readJson(cmd, stdout);
        if (!root.isArray()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON array of VMs", firstLine(stdout));
        }
        List<Vm> vms = new ArrayList<>();
        for (JsonNode vm : root) {
            if (vm.path("do_not_inventory").asBoolean(false)) {
                continue;
            }
            try {
                vms.add(vm(cmd, vm));
            } catch (UnexpectedOutputException e) {
                onError.accept(e);
                UUID uuid = readableUuid(vm);
                if (uuid != null) {
                    vms.add(unreadable(uuid, vm, e));
                }
            }
        }
        return vms;
    }

    /** Strict: the first VM that cannot be read is an error. */
    public static List<Vm> parseList(String stdout) throws UnexpectedOutputException {
        List<UnexpectedOutputException> errors = new ArrayList<>();
        List<Vm> vms = parseList(stdout, errors::add);
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return vms;
    }

    public static Vm parseGet(String uuid, String stdout) throws UnexpectedOutputException {
        String cmd = "vmadm get " + uuid;
        JsonNode root = readJson(cmd, stdout);
        if (!root.isObject()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON object", firstLine(stdout));
        }
        return vm(cmd, root);
    }

    /**
     * vmadm's state (VM.js derives it from zone_state and the provisioning/migration transitions; zoneadm's zone
     * states shine through) → ours. A state this table does not know is {@link MachineState#UNKNOWN}.
     */
    static MachineState state(String s) {
        return switch (s) {
            case "running" -> MachineState.RUNNING;
            case "stopped", "installed", "mounted" -> MachineState.STOPPED;
            case "provisioning", "configured", "incomplete", "receiving" -> MachineState.PROVISIONING;
            case "ready", "booting" -> MachineState.STARTING;
            case "stopping", "shutting_down", "down" -> MachineState.STOPPING;
            case "failed" -> MachineState.FAILED;
            case "destroyed" -> MachineState.DESTROYED;
            default -> MachineState.UNKNOWN;
        };
    }

    private static UUID readableUuid(JsonNode vm) {
        JsonNode n = vm.path("uuid");
        if (!n.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(n.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A VM whose uuid is all that could be read. */
    private static Vm unreadable(UUID uuid, JsonNode vm, UnexpectedOutputException why) {
        MachineInfo info = new MachineInfo(
                uuid,
                vm.path("alias").isTextual() ? vm.path("alias").asText() : null,
                vm.path("brand").isTextual() ? vm.path("brand").asText() : null,
                MachineState.UNKNOWN,
                null,
                0,
                0,
                0,
                100,
                List.of(),
                null,
                null,
                null,
                why.getMessage());
        return new Vm(
                info,
                -1,
                vm.path("zone_state").isTextual() ? vm.path("zone_state").asText() : null,
                List.of());
    }

    private static Vm vm(String cmd, JsonNode vm) throws UnexpectedOutputException {
        if (!vm.isObject()) {
            throw new UnexpectedOutputException(cmd, "a VM is not a JSON object", vm.toString());
        }
        UUID uuid = uuid(cmd, vm, "uuid", true);
        String brand = text(cmd, vm, "brand", true);
        String vmadmState = text(cmd, vm, "state", true);
        MachineState state = state(vmadmState);
        UUID image = uuid(cmd, vm, "image_uuid", false);
        JsonNode disks = vm.path("disks");
        if (image == null && disks.isArray()) {
            for (JsonNode d : disks) {
                if (d.path("boot").asBoolean(false) || image == null) {
                    UUID di = uuid(cmd, d, "image_uuid", false);
                    image = di != null ? di : image;
                }
            }
        }
        List<Nic> nics = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<VmNic> vmNics = new ArrayList<>();
        JsonNode nicsNode = vm.path("nics");
        if (!nicsNode.isMissingNode() && !nicsNode.isArray()) {
            throw new UnexpectedOutputException(cmd, "nics of " + uuid + " is not an array", nicsNode.toString());
        }
        for (JsonNode n : nicsNode) {
            List<String> nicIps = strings(cmd, n, "ips");
            if (nicIps.isEmpty() && n.hasNonNull("ip")) {
                String ip = n.get("ip").asText();
                String mask = n.path("netmask").asText("");
                nicIps = List.of(ip.equals("dhcp") || mask.isEmpty() ? ip : ip + "/" + prefix(mask));
            }
            List<String> gws = strings(cmd, n, "gateways");
            if (gws.isEmpty() && n.hasNonNull("gateway")) {
                gws = List.of(n.get("gateway").asText());
            }
            VmNic vmNic = new VmNic(
                    // "interface" since 2012; the first vmadm called it "physical"
                    n.path("interface").asText(n.path("physical").asText("")),
                    n.path("mac").asText(null),
                    nicIps,
                    n.path("allow_ip_spoofing").asBoolean(false),
                    n.hasNonNull("vrrp_vrid") ? n.get("vrrp_vrid").asInt() : null,
                    n.path("vrrp_primary_ip").asText(null));
            vmNics.add(vmNic);
            ips.addAll(vmNic.addresses());
            nics.add(new Nic(
                    n.path("nic_tag").asText(null),
                    nicIps,
                    gws,
                    n.hasNonNull("vlan_id") ? n.get("vlan_id").asInt() : null,
                    n.hasNonNull("primary") ? n.get("primary").asBoolean() : null,
                    n.path("mac").asText(null),
                    n.hasNonNull("mtu") ? n.get("mtu").asInt() : null));
        }
        Instant created = null;
        if (vm.hasNonNull("create_timestamp")) {
            try {
                created = Instant.parse(vm.get("create_timestamp").asText());
            } catch (DateTimeParseException e) {
                throw new UnexpectedOutputException(
                        cmd,
                        "create_timestamp of " + uuid + " is not ISO-8601",
                        vm.get("create_timestamp").asText(),
                        e);
            }
        }
        MachineInfo info = new MachineInfo(
                uuid,
                vm.path("alias").asText(null),
                brand,
                state,
                image,
                number(cmd, vm, "max_physical_memory", 0),
                number(cmd, vm, "quota", 0),
                (int) number(cmd, vm, "cpu_cap", 0),
                (int) number(cmd, vm, "cpu_shares", 100),
                ips,
                created,
                null,
                null,
                error(state, vmadmState, vm),
                vm.hasNonNull("vcpus") ? (int) number(cmd, vm, "vcpus", 0) : null,
                vm.hasNonNull("zfs_io_priority") ? (int) number(cmd, vm, "zfs_io_priority", 0) : null,
                vm.hasNonNull("max_lwps") ? (int) number(cmd, vm, "max_lwps", 0) : null,
                vm.hasNonNull("ram") ? number(cmd, vm, "ram", 0) : null,
                vm.hasNonNull("max_swap") ? number(cmd, vm, "max_swap", 0) : null,
                nics,
                List.of(),
                stringMap(cmd, vm, "tags"),
                stringMap(cmd, vm, "customer_metadata"),
                null,
                null,
                null,
                null);
        int zoneId = vm.hasNonNull("zoneid") ? (int) number(cmd, vm, "zoneid", -1) : -1;
        return new Vm(info, zoneId, vm.path("zone_state").asText(null), vmNics);
    }

    private static String error(MachineState state, String vmadmState, JsonNode vm) {
        return switch (state) {
            case FAILED -> vm.path("zone_state").asText("failed");
            case UNKNOWN -> "vmadm reports state '" + vmadmState + "'";
            default -> null;
        };
    }

    /** What {@code vmadm validate create} found wrong, read from the JSON it prints when it exits 1. */
    public record ValidationErrors(
            List<String> badValues, List<String> badProperties, List<String> missingProperties, String badBrand) {
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (badBrand != null) {
                parts.add("bad brand " + badBrand);
            }
            if (!badValues.isEmpty()) {
                parts.add("invalid value(s) for: " + String.join(", ", badValues));
            }
            if (!badProperties.isEmpty()) {
                parts.add("unknown or not allowed: " + String.join(", ", badProperties));
            }
            if (!missingProperties.isEmpty()) {
                parts.add("missing: " + String.join(", ", missingProperties));
            }
            return String.join("; ", parts);
        }
    }

    /**
     * {@code vmadm validate create}: exit 0 prints {@code VALID 'create' payload for joyent brand VMs.}; exit 1
     * prints an object with bad_values, bad_properties, missing_properties (and bad_brand).
     */
    public static ValidationErrors parseValidationErrors(String output) throws UnexpectedOutputException {
        String cmd = "vmadm validate create";
        int brace = output.indexOf('{');
        if (brace < 0) {
            throw new UnexpectedOutputException(cmd, "expected a JSON object of validation errors", firstLine(output));
        }
        JsonNode root = readJson(cmd, output.substring(brace));
        if (!root.isObject()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON object of validation errors", firstLine(output));
        }
        ValidationErrors e = new ValidationErrors(
                strings(cmd, root, "bad_values"),
                strings(cmd, root, "bad_properties"),
                strings(cmd, root, "missing_properties"),
                root.hasNonNull("bad_brand") ? root.get("bad_brand").asText() : null);
        if (e.describe().isEmpty()) {
            throw new UnexpectedOutputException(cmd, "validation failed without naming a property", firstLine(output));
        }
        return e;
    }

    /** The DriverException for a vmadm that exited non-zero, by its message. */
    public static DriverException failure(String cmd, CommandRunner.Result r) {
        String text = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        String msg = lastMeaningfulLine(text);
        String lower = text.toLowerCase(Locale.ROOT);
        String code;
        if (lower.contains("unable to find")
                || lower.contains("no such zone")
                || lower.contains("does not exist")
                || lower.contains("no vm with uuid")
                || lower.contains("not found")) {
            code = DriverException.NOT_FOUND;
        } else if (lower.contains("already exists")) {
            code = DriverException.DUPLICATE;
        } else if (lower.contains("is already") || lower.contains("not running") || lower.contains("currently:")) {
            code = DriverException.INVALID_STATE;
        } else if (lower.contains("invalid value")
                || lower.contains("invalid property")
                || lower.contains("invalid ")
                || lower.contains("bad_values")
                || lower.contains("missing_properties")) {
            code = DriverException.INVALID;
        } else if (lower.contains("not enough") || lower.contains("out of space") || lower.contains("insufficient")) {
            code = DriverException.INSUFFICIENT_CAPACITY;
        } else if (lower.contains("state")) {
            code = DriverException.INVALID_STATE;
        } else {
            code = DriverException.OPERATION_FAILED;
        }
        return new DriverException(
                code, cmd + " exited " + r.exitCode() + ": " + (msg.isEmpty() ? "(no message)" : msg));
    }

    private static String lastMeaningfulLine(String text) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("at ")) {
                return l.length() > 300 ? l.substring(0, 300) + "…" : l;
            }
        }
        return "";
    }

    static JsonNode readJson(String cmd, String text) throws UnexpectedOutputException {
        if (text == null || text.isBlank()) {
            throw new UnexpectedOutputException(cmd, "no output where JSON was expected", null);
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null) {
                throw new UnexpectedOutputException(cmd, "no JSON", firstLine(text));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new UnexpectedOutputException(cmd, "not JSON (" + e.getOriginalMessage() + ")", firstLine(text), e);
        }
    }

    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(String cmd, JsonNode o, String field, boolean required)
            throws UnexpectedOutputException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new UnexpectedOutputException(cmd, "a VM without " + field, abbreviate(o));
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new UnexpectedOutputException(cmd, field + " is not a string", abbreviate(o));
        }
        return n.asText();
    }

    private static UUID uuid(String cmd, JsonNode o, String field, boolean required) throws UnexpectedOutputException {
        String s = text(cmd, o, field, required);
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOutputException(cmd, field + " is not a UUID", s, e);
        }
    }

    private static long number(String cmd, JsonNode o, String field, long dflt) throws UnexpectedOutputException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw new UnexpectedOutputException(cmd, field + " is not a number", n.asText(), e);
            }
        }
        throw new UnexpectedOutputException(cmd, field + " is not a number", n.toString());
    }

    private static List<String> strings(String cmd, JsonNode o, String field) throws UnexpectedOutputException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new UnexpectedOutputException(cmd, field + " is not an array", n.toString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(e.isTextual() ? e.asText() : e.toString());
        }
        return out;
    }

    private static Map<String, String> stringMap(String cmd, JsonNode o, String field)
            throws UnexpectedOutputException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new UnexpectedOutputException(cmd, field + " is not an object", n.toString());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(
                    e.getKey(),
                    e.getValue().isTextual()
                            ? e.getValue().asText()
                            : e.getValue().toString());
        }
        return out;
    }

    private static int prefix(String netmask) {
        int bits = 0;
        for (String part : netmask.split("\\.")) {
            try {
                bits += Integer.bitCount(Integer.parseInt(part) & 0xff);
            } catch (NumberFormatException e) {
                return 32;
            }
        }
        return bits;
    }

    private static String abbreviate(JsonNode o) {
        String s = o.toString();
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
