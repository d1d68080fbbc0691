package io.zonedeck.agent.vrrp;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.VrrpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What vmadm and vrrpadm accept for a router: field errors use the wire names (vrid, priority, interval_ms,
 * primary_ip, vips, vlan_id, brand).
 */
public final class VrrpSpecRules {
    public static final String HVM_MESSAGE =
            "VRRP does not work for kvm/bhyve machines on SmartOS (vrrpadm runs in the zone's own IP stack);"
                    + " use a joyent or lx zone";
    private static final Set<String> HVM_BRANDS = Set.of("kvm", "bhyve");
    private static final String INVALID = "Invalid";
    private static final String MISSING = "MissingParameter";

    private VrrpSpecRules() {}

    /**
     * All problems of {@code spec} for a machine of {@code brand} with addresses {@code machineIps}; empty
     * when acceptable.
     */
    public static List<FieldError> check(VrrpSpec spec, String brand, List<String> machineIps) {
        List<FieldError> errors = new ArrayList<>();
        if (brand != null && HVM_BRANDS.contains(brand)) {
            errors.add(new FieldError("brand", INVALID, HVM_MESSAGE));
        }
        if (spec.vrid() < 1 || spec.vrid() > 255) {
            errors.add(new FieldError("vrid", INVALID, "vrid must be between 1 and 255"));
        }
        if (spec.priority() < 1 || spec.priority() > 255) {
            errors.add(new FieldError("priority", INVALID, "priority must be between 1 and 255"));
        }
        if (spec.intervalMs() < 10 || spec.intervalMs() > 40_950) {
            errors.add(new FieldError("interval_ms", INVALID, "interval_ms must be between 10 and 40950"));
        }
        if (spec.vlanId() < 0 || spec.vlanId() > 4094) {
            errors.add(new FieldError("vlan_id", INVALID, "vlan_id must be between 0 and 4094"));
        }
        checkPrimaryIp(spec.primaryIp(), machineIps, errors);
        checkVips(spec.vips(), errors);
        return List.copyOf(errors);
    }

    private static void checkPrimaryIp(String ip, List<String> machineIps, List<FieldError> errors) {
        if (ip == null || ip.isBlank()) {
            errors.add(new FieldError("primary_ip", MISSING, "primary_ip is required"));
        } else if (!Ipv4Address.isValid(ip) || ip.contains("/")) {
            errors.add(new FieldError("primary_ip", INVALID, "primary_ip must be an IPv4 address: " + ip));
        } else if (machineIps.stream().map(Ipv4Address::withoutPrefix).noneMatch(ip::equals)) {
            errors.add(new FieldError(
                    "primary_ip",
                    INVALID,
                    "primary_ip " + ip + " is not an address of the machine (vrrp_primary_ip must name one of"
                            + " its other NICs' IPs): " + machineIps));
        }
    }

    private static void checkVips(List<String> vips, List<FieldError> errors) {
        if (vips == null || vips.isEmpty()) {
            errors.add(new FieldError("vips", MISSING, "at least one virtual IP is required"));
            return;
        }
        for (String vip : vips) {
            if (!Ipv4Address.isValid(vip)) {
                errors.add(new FieldError("vips", INVALID, "not an IPv4 address: " + vip));
            }
        }
    }
}
