package io.zonedeck.compute;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a user asks for, as CloudAPI's CreateMachine: name, brand, image and package (id or name each).
 * {@code tenant} (id or name) is only for operators creating on a tenant's behalf; tenant users always create
 * in their own.
 *
 * @param uuid optional: the client's choice of machine UUID, which makes a retried request idempotent
 * @param networks NICs in order; empty = one NIC on the first public network. The first is primary unless one
 *     says so.
 * @param sshKeys public keys for root (stored as customer_metadata root_authorized_keys, as SmartOS does)
 * @param affinity placement rules like {@code instance!=db-1}, {@code role==db}, {@code instance==~web*}
 */
public record CreateMachineRequest(
        UUID uuid,
        String name,
        String brand,
        String image,
        String pkg,
        String tenant,
        List<NicRequest> networks,
        Map<String, String> tags,
        Map<String, String> metadata,
        List<String> sshKeys,
        List<String> affinity) {
    public CreateMachineRequest {
        networks = networks == null ? List.of() : networks;
        tags = tags == null ? Map.of() : tags;
        metadata = metadata == null ? Map.of() : metadata;
        sshKeys = sshKeys == null ? List.of() : sshKeys;
        affinity = affinity == null ? List.of() : affinity;
    }

    public CreateMachineRequest(String name, String brand, String image, String pkg, String tenant) {
        this(null, name, brand, image, pkg, tenant, null, null, null, null, null);
    }

    public CreateMachineRequest(String name, String brand, String image, String pkg) {
        this(name, brand, image, pkg, null);
    }
}
