package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.util.Set;

/**
 * The protocol's payloads as vmadm takes them. The protocol speaks vmadm's names and units, so most properties pass
 * unchanged; what differs is what vmadm's validation (smartos-live VM.js {@code validateImages},
 * {@code validateDiskSource}, proptable.js) refuses:
 *
 * <ul>
 *   <li>a hardware VM (kvm, bhyve) boots from an image on {@code disks[0].image_uuid}; the top-level
 *       {@code image_uuid} must name a zone-dataset image, which an HVM image (a zvol) is not;
 *   <li>a disk created from an image takes its size from the image ({@code image_size}, filled in by vmadm from
 *       imgadm): {@code size} beside {@code image_uuid} is refused unless {@code flexible_disk_size} is set;
 *   <li>an HVM NIC needs a {@code model}: {@code nic_driver} gives the one every NIC gets;
 *   <li>an lx zone needs a {@code kernel_version};
 *   <li>the protocol's throttles that vmadm has no property for (baseline, burst, disk bps/iops) are left out.
 * </ul>
 */
final class VmadmPayload {
    /** vmadm properties the protocol carries that vmadm does not know: dropped from create and update payloads. */
    static final Set<String> NOT_VMADM = Set.of("cpu_baseline", "cpu_burst_seconds", "disk_bps_max", "disk_iops_max");

    /** The NIC model of a hardware VM (the one the portal's disks use too). */
    static final String HVM_NIC_DRIVER = "virtio";

    private VmadmPayload() {}

    /**
     * The kernel_version of an lx zone whose image names none: vmadm requires one (proptable: required on create
     * for lx), and it is only what uname reports inside the zone (smartos-docs "LX Branded Zones"). smartos-live's
     * own lx tests pass this one.
     */
    static final String LX_KERNEL_VERSION = "3.13.0";

    /**
     * The {@code vmadm create} payload (autoboot: the machine runs once created).
     *
     * @param lxKernelVersion the kernel_version of an lx zone (from its image), null for other brands
     */
    static ObjectNode create(CreatePayload payload, String lxKernelVersion, ObjectMapper json) {
        ObjectNode body = json.valueToTree(payload);
        NOT_VMADM.forEach(body::remove);
        body.put("autoboot", true);
        if (lxKernelVersion != null) {
            body.put("kernel_version", lxKernelVersion);
        }
        if (VmadmDefaults.hvm(payload.brand())) {
            body.remove("image_uuid");
            for (JsonNode disk : body.path("disks")) {
                if (disk.hasNonNull("image_uuid")) {
                    ((ObjectNode) disk).remove("size");
                }
            }
            if (!body.hasNonNull("nic_driver")) {
                body.put("nic_driver", HVM_NIC_DRIVER);
            }
        }
        return body;
    }

    /** The {@code vmadm update} payload; empty when nothing in it is vmadm's. */
    static ObjectNode update(UpdatePayload update, ObjectMapper json) {
        ObjectNode body = json.valueToTree(update);
        NOT_VMADM.forEach(body::remove);
        return body;
    }
}
