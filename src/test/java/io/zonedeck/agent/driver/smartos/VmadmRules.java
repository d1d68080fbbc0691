package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What vmadm's validation refuses, for the properties a ZoneDeck payload can carry: read from smartos-live
 * {@code src/vm/node_modules/proptable.js} (which brand may set which property on create, types, minimums) and
 * {@code VM.js} ({@code validate}, {@code validateImages}, {@code validateDiskSource}, the create path's NIC model
 * check) at commit 059ec27268b39fc3bec4d82b949884391c75055d. Facts only, no code of theirs.
 *
 * <p>{@link #validate} answers what {@code vmadm validate create} prints: null when valid, else the object with
 * {@code bad_values}, {@code bad_properties}, {@code missing_properties} (or {@code bad_brand}).
 */
final class VmadmRules {
    static final Set<String> BRANDS = Set.of("joyent", "joyent-minimal", "builder", "lx", "kvm", "bhyve");
    static final Set<String> HVM = Set.of("kvm", "bhyve");

    /** Top-level create properties every brand may set (proptable: allowed create for all six brands). */
    private static final Set<String> ANY_BRAND = Set.of(
            "uuid",
            "brand",
            "alias",
            "hostname",
            "autoboot",
            "image_uuid",
            "max_physical_memory",
            "max_locked_memory",
            "max_swap",
            "max_lwps",
            "quota",
            "cpu_cap",
            "cpu_shares",
            "zfs_io_priority",
            "ram",
            "nics",
            "resolvers",
            "customer_metadata",
            "internal_metadata",
            "tags",
            "owner_uuid",
            "billing_id",
            "dns_domain");

    /** Top-level create properties of hardware VMs only. */
    private static final Map<String, Set<String>> BRAND_ONLY = Map.of(
            "vcpus", HVM,
            "disks", HVM,
            "nic_driver", HVM,
            "disk_driver", HVM,
            "cpu_type", HVM,
            "kernel_version", Set.of("lx"),
            "flexible_disk_size", Set.of("bhyve"));

    /** proptable {@code required}: image_uuid on create for the zone brands (and kernel_version for lx). */
    private static final Set<String> IMAGE_REQUIRED = Set.of("joyent", "joyent-minimal", "builder", "lx");

    /** {@code disks.*} sub-properties allowed on add (create) for kvm and bhyve. */
    private static final Set<String> DISK_PROPS =
            Set.of("boot", "model", "image_uuid", "image_size", "size", "block_size", "compression", "media", "zpool");

    /** {@code nics.*} sub-properties (all brands). */
    private static final Set<String> NIC_PROPS = Set.of(
            "nic_tag",
            "ips",
            "ip",
            "netmask",
            "gateways",
            "gateway",
            "vlan_id",
            "primary",
            "mac",
            "mtu",
            "model",
            "interface",
            "allow_ip_spoofing",
            "vrrp_vrid",
            "vrrp_primary_ip");

    /** Plain top-level properties {@code vmadm update} takes for every brand (proptable: update allowed). */
    private static final Set<String> UPDATABLE = Set.of(
            "alias",
            "max_physical_memory",
            "max_locked_memory",
            "max_swap",
            "max_lwps",
            "quota",
            "cpu_cap",
            "cpu_shares",
            "zfs_io_priority",
            "ram",
            "resolvers");

    /** Integer properties and their proptable minimum. */
    private static final Map<String, Integer> MIN = Map.ofEntries(
            Map.entry("max_physical_memory", 0),
            Map.entry("max_locked_memory", 0),
            Map.entry("max_swap", 256),
            Map.entry("max_lwps", 0),
            Map.entry("quota", 0),
            Map.entry("cpu_cap", 0),
            Map.entry("cpu_shares", 0),
            Map.entry("zfs_io_priority", 0),
            Map.entry("ram", 0),
            Map.entry("vcpus", 1),
            Map.entry("flexible_disk_size", 0));

    private VmadmRules() {}

    /**
     * @param imageTypes installed images: uuid → imgadm type (zone-dataset, lx-dataset, zvol, docker)
     */
    static ObjectNode validate(ObjectNode p, Map<String, String> imageTypes, ObjectMapper json) {
        String brand = p.path("brand").asText("undefined");
        if (!BRANDS.contains(brand)) {
            ObjectNode e = json.createObjectNode();
            e.put("bad_brand", brand);
            return e;
        }
        List<String> badValues = new ArrayList<>();
        List<String> badProperties = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            boolean allowed = ANY_BRAND.contains(name)
                    || (BRAND_ONLY.containsKey(name) && BRAND_ONLY.get(name).contains(brand));
            if (!allowed) {
                badProperties.add(name);
                continue;
            }
            Integer min = MIN.get(name);
            if (min != null && (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min)) {
                badValues.add(name);
            }
        }
        if (IMAGE_REQUIRED.contains(brand) && !p.hasNonNull("image_uuid")) {
            missing.add("image_uuid");
        }
        if (brand.equals("lx") && !p.hasNonNull("kernel_version")) {
            missing.add("kernel_version");
        }
        if (p.hasNonNull("image_uuid")) {
            // validateImages: the top-level image is the zone root; kvm/bhyve roots are zone-datasets too, lx's
            // lx-dataset or docker
            Set<String> rootTypes = brand.equals("lx") ? Set.of("lx-dataset", "docker") : Set.of("zone-dataset");
            String type = imageTypes.get(p.get("image_uuid").asText());
            if (type == null || !rootTypes.contains(type)) {
                badValues.add("image_uuid");
            }
        }
        int i = 0;
        for (JsonNode d : p.path("disks")) {
            String prefix = "disks." + i++;
            for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
                String sub = it.next();
                if (!DISK_PROPS.contains(sub)) {
                    badProperties.add("disks.*." + sub);
                }
            }
            if (d.has("image_uuid")) {
                // validateDiskSource + validateImages: image_size comes from the zvol image when absent; size only
                // with flexible_disk_size
                String type = imageTypes.get(d.get("image_uuid").asText());
                if (type == null || !type.equals("zvol")) {
                    badValues.add(prefix + ".image_uuid");
                }
                if (d.has("size") && !p.has("flexible_disk_size")) {
                    badProperties.add(prefix + ".size");
                }
                if (d.has("block_size")) {
                    badProperties.add(prefix + ".block_size");
                }
            } else {
                if (!d.has("size")) {
                    missing.add(prefix + ".size");
                }
                if (d.has("image_size")) {
                    badProperties.add(prefix + ".image_size");
                }
            }
        }
        for (JsonNode n : p.path("nics")) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String sub = it.next();
                if (!NIC_PROPS.contains(sub) || (sub.equals("model") && !HVM.contains(brand))) {
                    badProperties.add("nics.*." + sub);
                }
            }
            if (n.has("mtu") && (n.get("mtu").asInt() < 576 || n.get("mtu").asInt() > 9000)) {
                badValues.add("nics.*.mtu");
            }
            if (n.has("vlan_id")
                    && (n.get("vlan_id").asInt() < 0 || n.get("vlan_id").asInt() > 4095)) {
                badValues.add("nics.*.vlan_id");
            }
        }
        if (badValues.isEmpty() && badProperties.isEmpty() && missing.isEmpty()) {
            return null;
        }
        ObjectNode e = json.createObjectNode();
        e.set("bad_values", json.valueToTree(badValues));
        e.set("bad_properties", json.valueToTree(badProperties));
        e.set("missing_properties", json.valueToTree(missing));
        return e;
    }

    /** Whether {@code vmadm update} takes the plain property for the brand (vcpus: hardware VMs only). */
    static boolean updatable(String brand, String property) {
        return UPDATABLE.contains(property) || (property.equals("vcpus") && HVM.contains(brand));
    }

    /**
     * What {@code vmadm create} refuses beyond validate (VM.js create path): an HVM NIC without a model when the
     * payload has no {@code nic_driver}. Null when none.
     */
    static String createError(ObjectNode p) {
        if (!HVM.contains(p.path("brand").asText()) || p.hasNonNull("nic_driver")) {
            return null;
        }
        for (JsonNode n : p.path("nics")) {
            if (!n.hasNonNull("model")) {
                return "missing .model option for NIC: " + n;
            }
        }
        return null;
    }

    /**
     * vmadm create's own reading of validate's errors (VM.js): bad_brand, bad_values and missing_properties fail
     * the create; bad_properties only warn and are removed from the payload.
     */
    static String createFailure(ObjectNode errors) {
        if (errors.has("bad_brand")) {
            return "Invalid brand while validating payload: \""
                    + errors.get("bad_brand").asText() + "\"";
        }
        if (!errors.get("bad_values").isEmpty()) {
            return "Invalid value(s) for: " + join(errors.get("bad_values"));
        }
        if (!errors.get("missing_properties").isEmpty()) {
            return "Missing required properties: " + join(errors.get("missing_properties"));
        }
        return null;
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(",", out);
    }
}
