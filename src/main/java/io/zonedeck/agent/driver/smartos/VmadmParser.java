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

/**
 * Reads vmadm's output: {@code vmadm list -j} (a JSON array of VM objects), {@code vmadm get UUID} (one object),
 * {@code vmadm validate} and the error text vmadm prints on stderr when it exits 1.
 */
public final class VmadmParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One VM as vmadm reports it, with the vmadm properties the driver needs besides {@link MachineInfo}. */
    public record Vm(MachineInfo info, int zoneId, String zoneState, List<VrrpNic> vrrpNics) {}

    /** A NIC with vmadm's vrrp_vrid / vrrp_primary_ip. */
    public record VrrpNic(String iface, int vrid, String primaryIp) {}

    private VmadmParser() {}

    public static List<Vm> parseList(String stdout) throws UnexpectedOutputException {
        String cmd = "vmadm list -j";
        JsonNode root = readJson(cmd, stdout);
        if (!root.isArray()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON array of VMs", firstLine(stdout));
        }
        List<Vm> vms = new ArrayList<>();
        for (JsonNode vm : root) {
            vms.add(vm(cmd, vm));
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

    /** vmadm's zone_state/state → our state; null for a VM that is gone (destroyed). */
    static MachineState state(String cmd, String s) throws UnexpectedOutputException {
        return switch (s) {
            case "running" -> MachineState.RUNNING;
            case "stopped", "installed", "down" -> MachineState.STOPPED;
            case "provisioning", "configured", "incomplete", "receiving" -> MachineState.PROVISIONING;
            case "ready", "booting" -> MachineState.STARTING;
            case "stopping", "shutting_down" -> MachineState.STOPPING;
            case "failed" -> MachineState.FAILED;
            case "destroyed" -> MachineState.DESTROYED;
            default -> throw new UnexpectedOutputException(cmd, "unknown VM state '" + s + "'", s);
        };
    }

    private static Vm vm(String cmd, JsonNode vm) throws UnexpectedOutputException {
        if (!vm.isObject()) {
            throw new UnexpectedOutputException(cmd, "a VM is not a JSON object", vm.toString());
        }
        UUID uuid = uuid(cmd, vm, "uuid", true);
        String brand = text(cmd, vm, "brand", true);
        MachineState state = state(cmd, text(cmd, vm, "state", true));
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
        List<VrrpNic> vrrp = new ArrayList<>();
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
            for (String ip : nicIps) {
                if (!ip.equals("dhcp") && !ip.equals("addrconf")) {
                    ips.add(ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip);
                }
            }
            nics.add(new Nic(
                    n.path("nic_tag").asText(null),
                    nicIps,
                    gws,
                    n.hasNonNull("vlan_id") ? n.get("vlan_id").asInt() : null,
                    n.hasNonNull("primary") ? n.get("primary").asBoolean() : null,
                    n.path("mac").asText(null),
                    n.hasNonNull("mtu") ? n.get("mtu").asInt() : null));
            if (n.hasNonNull("vrrp_vrid")) {
                vrrp.add(new VrrpNic(
                        n.path("interface").asText(""),
                        n.get("vrrp_vrid").asInt(),
                        n.path("vrrp_primary_ip").asText(null)));
            }
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
                state == MachineState.FAILED ? vm.path("zone_state").asText("failed") : null,
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
        return new Vm(info, zoneId, vm.path("zone_state").asText(null), vrrp);
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
