package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads {@code sysinfo} (a JSON object with keys like "CPU Total Cores" and "MiB of Memory"). */
public final class SysinfoParser {

    /** What the driver takes from sysinfo: hostname, CPUs, memory, and whether kvm / bhyve can run. */
    public record Sysinfo(String hostname, int cpus, long ramMiB, boolean kvmCapable, boolean bhyveCapable) {}

    private SysinfoParser() {}

    public static Sysinfo parse(String stdout) throws UnexpectedOutputException {
        String cmd = "sysinfo";
        JsonNode root = VmadmParser.readJson(cmd, stdout);
        if (!root.isObject()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON object", VmadmParser.firstLine(stdout));
        }
        long cpus = positive(cmd, root, "CPU Total Cores");
        long ram = positive(cmd, root, "MiB of Memory");
        return new Sysinfo(
                root.path("Hostname").asText("smartos"),
                (int) cpus,
                ram,
                root.path("VM Capable").asBoolean(false),
                root.path("Bhyve Capable").asBoolean(false));
    }

    private static long positive(String cmd, JsonNode root, String key) throws UnexpectedOutputException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new UnexpectedOutputException(cmd, "no \"" + key + "\"", VmadmParser.firstLine(root.toString()));
        }
        long v;
        if (n.isNumber()) {
            v = n.asLong();
        } else {
            try {
                v = Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                throw new UnexpectedOutputException(cmd, "\"" + key + "\" is not a number", n.toString(), e);
            }
        }
        if (v <= 0) {
            throw new UnexpectedOutputException(cmd, "\"" + key + "\" is not positive", n.toString());
        }
        return v;
    }
}
