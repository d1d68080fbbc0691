package io.zonedeck.agent.api;

import java.util.UUID;

/**
 * A vmadm disk of a hardware VM (kvm, bhyve).
 *
 * @param size MiB (ignored for a disk created from an image: the image's size is used)
 * @param boot whether the VM boots from this disk
 * @param imageUuid the image the disk is created from (boot disk), or null for an empty disk
 * @param model virtio, ide or scsi
 */
public record Disk(Long size, Boolean boot, UUID imageUuid, String model) {}
