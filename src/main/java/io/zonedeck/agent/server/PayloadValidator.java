package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a create payload before the agent accepts it. Field names in errors are the wire names
 * (snake_case); NIC fields are named like {@code nics.0.nic_tag}.
 */
public final class PayloadValidator {
    public static final Set<String> KNOWN_BRANDS = Set.of("joyent", "lx", "kvm", "bhyve");
    private static final Set<String> HVM_BRANDS = Set.of("kvm", "bhyve");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");
    private static final String MISSING = "MissingParameter";
    private static final String INVALID = "Invalid";

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
        checkAlias(p.alias(), errors);
        positive("max_physical_memory", p.maxPhysicalMemory(), errors);
        positive("quota", p.quota(), errors);
        nonNegative("cpu_cap", p.cpuCap(), errors);
        nonNegative("cpu_shares", p.cpuShares(), errors);
        nonNegative("zfs_io_priority", p.zfsIoPriority(), errors);
        positive("max_lwps", p.maxLwps() == null ? null : p.maxLwps().longValue(), errors);
        if (p.brand() != null && HVM_BRANDS.contains(p.brand()) && p.vcpus() == null) {
            errors.add(missing("vcpus"));
        } else {
            positive("vcpus", p.vcpus() == null ? null : p.vcpus().longValue(), errors);
        }
        checkNics(p.nics(), errors);
        return List.copyOf(errors);
    }

    /** Throws a 422 {@link ApiException} unless the payload is acceptable. */
    public void check(CreatePayload p) {
        List<FieldError> errors = validate(p);
        if (errors.isEmpty()) {
            return;
        }
        boolean onlyMissing = errors.stream().allMatch(e -> e.code().equals(MISSING));
        String code = onlyMissing ? MISSING : INVALID;
        String message = onlyMissing ? "missing required parameters" : "invalid parameters";
        throw new ApiException(422, new ApiError(code, message, errors));
    }

    private void checkBrand(String brand, List<FieldError> errors) {
        if (brand == null || brand.isBlank()) {
            errors.add(missing("brand"));
        } else if (!KNOWN_BRANDS.contains(brand)) {
            errors.add(invalid("brand", "brand must be one of joyent, lx, kvm, bhyve"));
        } else if (!nodeBrands.contains(brand)) {
            errors.add(invalid("brand", "brand " + brand + " is not supported on this node"));
        }
    }

    private static void checkAlias(String alias, List<FieldError> errors) {
        if (alias == null || alias.isEmpty()) {
            errors.add(missing("alias"));
        } else if (!ALIAS.matcher(alias).matches()) {
            errors.add(
                    invalid(
                            "alias",
                            "alias must be 1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }

    private static void checkNics(List<Nic> nics, List<FieldError> errors) {
        if (nics == null) {
            return;
        }
        for (int i = 0; i < nics.size(); i++) {
            Nic nic = nics.get(i);
            String prefix = "nics." + i + ".";
            if (nic == null) {
                errors.add(invalid("nics." + i, "nic must be an object"));
                continue;
            }
            if (nic.nicTag() == null || nic.nicTag().isBlank()) {
                errors.add(missing(prefix + "nic_tag"));
            }
            if (nic.vlanId() != null && (nic.vlanId() < 0 || nic.vlanId() > 4094)) {
                errors.add(invalid(prefix + "vlan_id", "vlan_id must be between 0 and 4094"));
            }
            if (nic.ips() != null) {
                for (String ip : nic.ips()) {
                    if (ip == null
                            || !(ip.equals("dhcp")
                                    || ip.equals("addrconf")
                                    || IPV4.matcher(ip).matches())) {
                        errors.add(invalid(prefix + "ips", "not an IPv4 address, CIDR, dhcp or addrconf: " + ip));
                    }
                }
            }
        }
    }

    private static void positive(String field, Long value, List<FieldError> errors) {
        if (value != null && value <= 0) {
            errors.add(invalid(field, field + " must be greater than 0"));
        }
    }

    private static void nonNegative(String field, Integer value, List<FieldError> errors) {
        if (value != null && value < 0) {
            errors.add(invalid(field, field + " must not be negative"));
        }
    }

    private static FieldError missing(String field) {
        return new FieldError(field, MISSING, field + " is required");
    }

    private static FieldError invalid(String field, String message) {
        return new FieldError(field, INVALID, message);
    }
}
