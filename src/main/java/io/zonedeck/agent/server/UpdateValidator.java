package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a vmadm update against the machine it changes: the ranges of {@link PayloadValidator}, properties that
 * cannot be updated (image_uuid, brand), the NIC limit after the update and vmadm's couplings (an HVM's
 * max_physical_memory at least its ram; max_swap at least max_physical_memory; a given cpu_baseline at most the
 * cpu_cap in force after the update, which must not be 0).
 */
public final class UpdateValidator {
    /** Properties vmadm refuses to update. */
    public static final List<String> IMMUTABLE = List.of("image_uuid", "brand");

    private UpdateValidator() {}

    /**
     * @param bodyFields the top-level property names of the request body (to find immutable ones, which the
     *     payload record does not carry)
     */
    public static List<FieldError> validate(UpdatePayload u, Set<String> bodyFields, MachineInfo current) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : IMMUTABLE) {
            if (bodyFields.contains(field)) {
                errors.add(PayloadValidator.invalid(field, field + " cannot be updated"));
            }
        }
        if (u.alias() != null) {
            PayloadValidator.checkAlias(u.alias(), errors);
        }
        PayloadValidator.checkResources(
                u.maxPhysicalMemory(),
                u.ram(),
                u.maxSwap(),
                u.quota(),
                u.cpuCap(),
                u.cpuShares(),
                u.zfsIoPriority(),
                u.maxLwps(),
                u.vcpus(),
                errors);
        PayloadValidator.checkThrottles(
                u.cpuBaseline(),
                u.cpuBurstSeconds(),
                u.diskBpsMax(),
                u.diskIopsMax(),
                u.cpuCap() != null ? u.cpuCap() : current.cpuCap(),
                errors);
        boolean hvm = VmadmDefaults.hvm(current.brand());
        long ram = u.ram() != null ? u.ram() : current.ram() != null ? current.ram() : current.maxPhysicalMemory();
        if (hvm && u.maxPhysicalMemory() != null && u.maxPhysicalMemory() < ram) {
            errors.add(PayloadValidator.conflicting(
                    "max_physical_memory", "max_physical_memory must be at least ram (" + ram + " MiB)"));
        }
        long mpm = u.maxPhysicalMemory() != null
                ? u.maxPhysicalMemory()
                : hvm
                        ? Math.max(current.maxPhysicalMemory(), ram)
                        : u.ram() != null ? u.ram() : current.maxPhysicalMemory();
        if (u.maxSwap() != null && u.maxSwap() >= VmadmDefaults.MIN_SWAP && u.maxSwap() < mpm) {
            errors.add(PayloadValidator.conflicting(
                    "max_swap", "max_swap must be at least max_physical_memory (" + mpm + " MiB)"));
        }
        checkNics(u, current, errors);
        checkKeys("set_tags", u.setTags(), errors);
        checkKeys("set_customer_metadata", u.setCustomerMetadata(), errors);
        return List.copyOf(errors);
    }

    /** Throws a 422 {@link ApiException} unless the update is acceptable. */
    public static void check(UpdatePayload u, Set<String> bodyFields, MachineInfo current) {
        PayloadValidator.throwIfAny(validate(u, bodyFields, current));
    }

    private static void checkNics(UpdatePayload u, MachineInfo current, List<FieldError> errors) {
        PayloadValidator.checkNics("add_nics", u.addNics(), errors);
        if (u.removeNics() != null) {
            for (int i = 0; i < u.removeNics().size(); i++) {
                String mac = u.removeNics().get(i);
                if (mac == null || !PayloadValidator.isMac(mac)) {
                    errors.add(PayloadValidator.invalid("remove_nics." + i, "not a mac: " + mac));
                }
            }
        }
        if (u.addNics() == null) {
            return;
        }
        if (u.addNics().stream()
                        .filter(n -> n != null && Boolean.TRUE.equals(n.primary()))
                        .count()
                > 1) {
            errors.add(PayloadValidator.conflicting("add_nics", "at most one added NIC can be primary"));
        }
        Set<String> macs = new HashSet<>();
        List<Nic> nics = current.nics() == null ? List.of() : current.nics();
        nics.forEach(n -> macs.add(lower(n.mac())));
        if (u.removeNics() != null) {
            u.removeNics().forEach(mac -> macs.remove(lower(mac)));
        }
        int generated = 0;
        for (Nic n : u.addNics()) {
            if (n != null && n.mac() == null) {
                generated++;
            } else if (n != null) {
                macs.add(lower(n.mac()));
            }
        }
        int count = macs.size() + generated;
        if (count > PayloadValidator.MAX_NICS) {
            errors.add(PayloadValidator.invalid(
                    "add_nics",
                    "a machine has at most " + PayloadValidator.MAX_NICS + " NICs, this update would give it "
                            + count));
        }
    }

    private static void checkKeys(String field, Map<String, String> set, List<FieldError> errors) {
        if (set != null && set.entrySet().stream().anyMatch(e -> e.getKey().isBlank() || e.getValue() == null)) {
            errors.add(PayloadValidator.invalid(field, field + " needs non-empty keys and string values"));
        }
    }

    private static String lower(String mac) {
        return mac == null ? null : mac.trim().toLowerCase(Locale.ROOT);
    }
}
