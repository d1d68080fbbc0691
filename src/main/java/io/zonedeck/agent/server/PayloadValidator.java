package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Disk;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a create payload with vmadm's rules before the agent accepts it. Field names in errors are the wire
 * names (snake_case); list elements are named by index, like {@code nics.0.nic_tag}. Codes: MissingParameter,
 * Invalid, ConflictingParameters (two properties that cannot both hold, named on the second).
 */
public final class PayloadValidator {
    public static final Set<String> KNOWN_BRANDS = Set.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");
    public static final int MAX_NICS = 32;
    public static final int MAX_VCPUS = 64;
    public static final int MAX_CPU_CAP = 100 * MAX_VCPUS;
    public static final int MAX_CPU_SHARES = 65_535;
    /** vmadm's (and PAPI's) largest zfs_io_priority. */
    public static final int MAX_ZFS_IO_PRIORITY = 16_383;
    /** The longest burst credit: a day. */
    public static final int MAX_CPU_BURST_SECONDS = 86_400;

    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 9000;
    public static final int MAX_VLAN_ID = 4094;
    public static final Set<String> DISK_MODELS = Set.of("virtio", "ide", "scsi");

    static final String MISSING = "MissingParameter";
    static final String INVALID = "Invalid";
    static final String CONFLICTING = "ConflictingParameters";

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final Pattern IPV4_CIDR = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET + "(/(3[0-2]|[12]?\\d))?");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private final Set<String> nodeBrands;

    /** @param nodeBrands brands the node's driver can run */
    public PayloadValidator(List<String> nodeBrands) {
        this.nodeBrands = Set.copyOf(nodeBrands);
    }

    /** All problems of the payload; empty when it is acceptable. */
    public List<FieldError> validate(CreatePayload p) {
        List<FieldError> errors = new ArrayList<>();
        if (p.uuid() == null) {
            errors.add(missing("uuid"));
        }
        checkBrand(p.brand(), errors);
        if (p.alias() == null || p.alias().isEmpty()) {
            errors.add(missing("alias"));
        } else {
            checkAlias(p.alias(), errors);
        }
        boolean hvm = VmadmDefaults.hvm(p.brand());
        checkResources(
                p.maxPhysicalMemory(),
                p.ram(),
                p.maxSwap(),
                p.quota(),
                p.cpuCap(),
                p.cpuShares(),
                p.zfsIoPriority(),
                p.maxLwps(),
                p.vcpus(),
                errors);
        checkThrottles(
                p.cpuBaseline(),
                p.cpuBurstSeconds(),
                p.diskBpsMax(),
                p.diskIopsMax(),
                p.cpuCap() == null ? 0 : p.cpuCap(),
                errors);
        if (hvm && p.vcpus() == null) {
            errors.add(missing("vcpus"));
        }
        if (hvm && p.ram() != null && p.maxPhysicalMemory() != null && p.maxPhysicalMemory() < p.ram()) {
            errors.add(conflicting("max_physical_memory", "max_physical_memory must be at least ram"));
        }
        if (p.maxSwap() != null && p.maxSwap() >= VmadmDefaults.MIN_SWAP && p.maxSwap() < VmadmDefaults.ramMiB(p)) {
            errors.add(conflicting("max_swap", "max_swap must be at least max_physical_memory"));
        }
        checkDisks(p.disks(), hvm, errors);
        checkNics("nics", p.nics(), errors);
        if (p.nics() != null && p.nics().size() > 1) {
            long primaries = p.nics().stream()
                    .filter(n -> n != null && Boolean.TRUE.equals(n.primary()))
                    .count();
            if (primaries != 1) {
                errors.add(conflicting("nics", "exactly one NIC must be primary, not " + primaries));
            }
        }
        checkResolvers(p.resolvers(), errors);
        return List.copyOf(errors);
    }

    /** Throws a 422 {@link ApiException} unless the payload is acceptable. */
    public void check(CreatePayload p) {
        throwIfAny(validate(p));
    }

    /** A 422 whose code is the errors' common code (Invalid when they differ). */
    static void throwIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        String first = errors.get(0).code();
        String code = errors.stream().allMatch(e -> e.code().equals(first)) ? first : INVALID;
        String message = switch (code) {
            case MISSING -> "missing required parameters";
            case CONFLICTING -> "conflicting parameters";
            default -> "invalid parameters";
        };
        throw new ApiException(422, new ApiError(code, message, List.copyOf(errors)));
    }

    private void checkBrand(String brand, List<FieldError> errors) {
        if (brand == null || brand.isBlank()) {
            errors.add(missing("brand"));
        } else if (!KNOWN_BRANDS.contains(brand)) {
            errors.add(invalid("brand", "brand must be one of joyent, joyent-minimal, lx, kvm, bhyve"));
        } else if (!nodeBrands.contains(brand)) {
            errors.add(invalid("brand", "brand " + brand + " is not supported on this node"));
        }
    }

    static void checkAlias(String alias, List<FieldError> errors) {
        if (!ALIAS.matcher(alias).matches()) {
            errors.add(
                    invalid(
                            "alias",
                            "alias must be 1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }

    /** Ranges of the resource properties, shared by create and update; null means not given. */
    static void checkResources(
            Long maxPhysicalMemory,
            Long ram,
            Long maxSwap,
            Long quota,
            Integer cpuCap,
            Integer cpuShares,
            Integer zfsIoPriority,
            Integer maxLwps,
            Integer vcpus,
            List<FieldError> errors) {
        atLeast("max_physical_memory", maxPhysicalMemory, 1, errors);
        atLeast("ram", ram, 1, errors);
        if (maxSwap != null && maxSwap < VmadmDefaults.MIN_SWAP) {
            errors.add(invalid("max_swap", "max_swap must be at least " + VmadmDefaults.MIN_SWAP + " MiB"));
        }
        atLeast("quota", quota, 1, errors);
        between("cpu_cap", cpuCap, 0, MAX_CPU_CAP, errors);
        between("cpu_shares", cpuShares, 1, MAX_CPU_SHARES, errors);
        between("zfs_io_priority", zfsIoPriority, 0, MAX_ZFS_IO_PRIORITY, errors);
        atLeast("max_lwps", maxLwps == null ? null : maxLwps.longValue(), 1, errors);
        between("vcpus", vcpus, 1, MAX_VCPUS, errors);
    }

    /**
     * Ranges of the throttles of protocol v1.1 and the baseline's coupling with the cap, checked when the baseline
     * is given: a baseline needs a cap above it (bursting runs between the two) and is at most that cap. A cap
     * lowered later to or below an existing baseline makes the baseline ineffective (a plain cap), not an error.
     *
     * @param cpuCap the cap in force with this payload (0 = none)
     */
    static void checkThrottles(
            Integer cpuBaseline,
            Integer cpuBurstSeconds,
            Long diskBpsMax,
            Long diskIopsMax,
            int cpuCap,
            List<FieldError> errors) {
        between("cpu_baseline", cpuBaseline, 0, MAX_CPU_CAP, errors);
        between("cpu_burst_seconds", cpuBurstSeconds, 0, MAX_CPU_BURST_SECONDS, errors);
        atLeast("disk_bps_max", diskBpsMax, 0, errors);
        atLeast("disk_iops_max", diskIopsMax, 0, errors);
        if (cpuBaseline != null && cpuBaseline > 0 && cpuBaseline <= MAX_CPU_CAP) {
            if (cpuCap <= 0) {
                errors.add(conflicting(
                        "cpu_baseline", "cpu_baseline needs a cpu_cap above it (bursting runs between the two)"));
            } else if (cpuBaseline > cpuCap) {
                errors.add(conflicting("cpu_baseline", "cpu_baseline must be at most cpu_cap (" + cpuCap + ")"));
            }
        }
    }

    private static void checkDisks(List<Disk> disks, boolean hvm, List<FieldError> errors) {
        if (disks == null || disks.isEmpty()) {
            return;
        }
        if (!hvm) {
            errors.add(invalid("disks", "disks apply to kvm and bhyve only"));
            return;
        }
        int boot = 0;
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            String prefix = "disks." + i;
            if (d == null) {
                errors.add(invalid(prefix, "disk must be an object"));
                continue;
            }
            if (d.size() == null && d.imageUuid() == null) {
                errors.add(missing(prefix + ".size"));
            } else if (d.size() != null && d.size() <= 0) {
                errors.add(invalid(prefix + ".size", "size must be greater than 0"));
            }
            if (d.model() != null && !DISK_MODELS.contains(d.model())) {
                errors.add(invalid(prefix + ".model", "model must be one of virtio, ide, scsi"));
            }
            if (Boolean.TRUE.equals(d.boot())) {
                boot++;
            }
        }
        if (boot > 1) {
            errors.add(conflicting("disks", "at most one disk can be the boot disk"));
        }
    }

    /** NIC rules shared by create ({@code nics}) and update ({@code add_nics}), without the primary rule. */
    static void checkNics(String field, List<Nic> nics, List<FieldError> errors) {
        if (nics == null) {
            return;
        }
        if (nics.size() > MAX_NICS) {
            errors.add(invalid(field, "at most " + MAX_NICS + " NICs per machine"));
        }
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < nics.size(); i++) {
            Nic nic = nics.get(i);
            String prefix = field + "." + i + ".";
            if (nic == null) {
                errors.add(invalid(field + "." + i, "nic must be an object"));
                continue;
            }
            if (nic.nicTag() == null || nic.nicTag().isBlank()) {
                errors.add(missing(prefix + "nic_tag"));
            }
            if (nic.vlanId() != null && (nic.vlanId() < 0 || nic.vlanId() > MAX_VLAN_ID)) {
                errors.add(invalid(prefix + "vlan_id", "vlan_id must be between 0 and " + MAX_VLAN_ID));
            }
            if (nic.mtu() != null && (nic.mtu() < MIN_MTU || nic.mtu() > MAX_MTU)) {
                errors.add(invalid(prefix + "mtu", "mtu must be between " + MIN_MTU + " and " + MAX_MTU));
            }
            if (nic.mac() != null) {
                if (!isMac(nic.mac())) {
                    errors.add(invalid(prefix + "mac", "mac must look like 90:b8:d0:12:34:56"));
                } else if (!macs.add(nic.mac().toLowerCase(Locale.ROOT))) {
                    errors.add(conflicting(prefix + "mac", "mac " + nic.mac() + " is used by another NIC"));
                }
            }
            if (nic.ips() != null) {
                for (String ip : nic.ips()) {
                    if (ip == null
                            || !(ip.equals("dhcp")
                                    || ip.equals("addrconf")
                                    || IPV4_CIDR.matcher(ip).matches())) {
                        errors.add(invalid(prefix + "ips", "not an IPv4 address, CIDR, dhcp or addrconf: " + ip));
                    }
                }
            }
        }
    }

    private static void checkResolvers(List<String> resolvers, List<FieldError> errors) {
        if (resolvers == null) {
            return;
        }
        for (int i = 0; i < resolvers.size(); i++) {
            String r = resolvers.get(i);
            if (r == null || !IPV4.matcher(r).matches()) {
                errors.add(invalid("resolvers." + i, "resolver must be an IPv4 address: " + r));
            }
        }
    }

    static boolean isMac(String s) {
        return MAC.matcher(s).matches();
    }

    private static void atLeast(String field, Long value, long min, List<FieldError> errors) {
        if (value != null && value < min) {
            errors.add(invalid(
                    field,
                    min == 1
                            ? field + " must be greater than 0"
                            : min == 0 ? field + " must not be negative" : field + " must be at least " + min));
        }
    }

    private static void between(String field, Integer value, int min, int max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(invalid(field, field + " must be between " + min + " and " + max));
        }
    }

    static FieldError missing(String field) {
        return new FieldError(field, MISSING, field + " is required");
    }

    static FieldError invalid(String field, String message) {
        return new FieldError(field, INVALID, message);
    }

    static FieldError conflicting(String field, String message) {
        return new FieldError(field, CONFLICTING, message);
    }
}
