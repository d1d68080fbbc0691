package io.zonedeck.compute;

import java.util.UUID;

/** A machine's VNIC. {@code state}: attached, adding (job running), removing (job running). */
public record NicInfo(
        String mac, UUID networkId, String networkName, String ip, boolean primary, int vlanId, String state) {}
