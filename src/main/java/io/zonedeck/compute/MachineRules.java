package io.zonedeck.compute;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.server.PayloadValidator;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The portal's input rules for machines, checked before anything is written or sent: names, tags, metadata,
 * SSH keys, snapshot names; and vmadm's own rules over the payload built from them (the agent's validator,
 * so portal and node agree), with vmadm's field names mapped back to the fields the user filled in.
 */
final class MachineRules {
    static final Set<String> BRANDS = PayloadValidator.KNOWN_BRANDS;
    static final Set<String> HVM = Set.of("kvm", "bhyve");
    static final int MAX_NICS = PayloadValidator.MAX_NICS;
    static final int MAX_TAGS = 64;
    static final int MAX_METADATA_BYTES = 512 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern SSH_KEY =
            Pattern.compile("(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,3}( [^\\r\\n]{0,256})?");
    private static final PayloadValidator VMADM = new PayloadValidator(List.copyOf(BRANDS));

    private MachineRules() {}

    static boolean isHvm(String brand) {
        return HVM.contains(brand);
    }

    /** The name, trimmed, or null with a problem on {@code field}. */
    static String name(String raw, String field, List<FieldProblem> problems) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem(field, "MissingParameter", "Name is required"));
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem(
                    field, "Invalid", "Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            return null;
        }
        return name;
    }

    static String brand(String raw, List<FieldProblem> problems) {
        String brand = raw == null ? "" : raw.strip();
        if (brand.isEmpty()) {
            problems.add(new FieldProblem("brand", "MissingParameter", "Brand is required"));
            return null;
        }
        if (!BRANDS.contains(brand)) {
            problems.add(new FieldProblem(
                    "brand", "Invalid", "Brand must be one of joyent, joyent-minimal, lx, kvm, bhyve"));
            return null;
        }
        return brand;
    }

    /** Tags (vmadm tags): up to 64, keys of letters, digits, '_', '.', ':', '-', values up to 1024 chars. */
    static void tags(Map<String, String> tags, String field, List<FieldProblem> problems) {
        if (tags.size() > MAX_TAGS) {
            problems.add(new FieldProblem(field, "Invalid", "At most " + MAX_TAGS + " tags"));
            return;
        }
        entries(tags, field, 1024, problems);
    }

    /** customer_metadata: keys like tags, values up to 64 KiB, 512 KiB in all. */
    static void metadata(Map<String, String> metadata, String field, List<FieldProblem> problems) {
        long bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            bytes += utf8(e.getKey()) + utf8(e.getValue());
        }
        if (bytes > MAX_METADATA_BYTES) {
            problems.add(new FieldProblem(field, "Invalid", "Metadata may hold at most 512 KiB in all"));
            return;
        }
        entries(metadata, field, 65536, problems);
    }

    static void sshKeys(List<String> keys, List<FieldProblem> problems) {
        if (keys.size() > 32) {
            problems.add(new FieldProblem("sshKeys", "Invalid", "At most 32 SSH keys"));
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i) == null ? "" : keys.get(i).strip();
            if (!SSH_KEY.matcher(k).matches()) {
                problems.add(new FieldProblem(
                        "sshKeys." + i,
                        "Invalid",
                        "Not an OpenSSH public key (expected e.g. \"ssh-ed25519 AAAA... you@host\")"));
            }
        }
    }

    static String snapshotName(String raw, List<FieldProblem> problems) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "MissingParameter", "A snapshot name is required"));
            return null;
        }
        if (!SNAPSHOT.matcher(name).matches()) {
            problems.add(new FieldProblem(
                    "name", "Invalid", "Use 1-64 letters, digits, '_', '.', ':' or '-' for a snapshot name"));
            return null;
        }
        return name;
    }

    /** vmadm's rules over the built payload; vmadm field names become the portal's. */
    static void vmadm(CreatePayload payload, List<FieldProblem> problems) {
        for (FieldError e : VMADM.validate(payload)) {
            problems.add(new FieldProblem(portalField(e.field()), e.code(), e.message()));
        }
    }

    static String portalField(String vmadmField) {
        if (vmadmField.startsWith("nics")) {
            return "networks" + vmadmField.substring(4).replace(".nic_tag", ".network");
        }
        return switch (vmadmField) {
            case "alias" -> "name";
            case "image_uuid" -> "image";
            case "customer_metadata" -> "metadata";
            case "tags", "brand", "uuid" -> vmadmField;
            default -> "package"; // sizes and limits all come from the package
        };
    }

    private static void entries(Map<String, String> map, String field, int maxValue, List<FieldProblem> problems) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                problems.add(new FieldProblem(
                        field,
                        "Invalid",
                        "Key \"" + printable(key) + "\" must be 1-128 letters, digits, '_', '.', ':' or '-'"));
            } else if (e.getValue() == null) {
                problems.add(new FieldProblem(field + "." + key, "MissingParameter", "A value is required"));
            } else if (e.getValue().length() > maxValue) {
                problems.add(new FieldProblem(field + "." + key, "Invalid", "At most " + maxValue + " characters"));
            }
        }
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A user's key, safe to echo in a message (no control characters, bounded). */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
