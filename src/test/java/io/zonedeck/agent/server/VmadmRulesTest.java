package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Disk;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.UpdatePayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** vmadm's create rules of {@link PayloadValidator} and the update rules of {@link UpdateValidator}. */
class VmadmRulesTest {
    private final PayloadValidator validator =
            new PayloadValidator(List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve"));

    private static CreatePayload create(
            String brand, Long mpm, Long ram, Long swap, Integer vcpus, List<Nic> nics, List<Disk> disks) {
        return new CreatePayload(
                UUID.randomUUID(),
                brand,
                "m1",
                UUID.randomUUID(),
                mpm,
                10L,
                null,
                null,
                null,
                null,
                vcpus,
                nics,
                null,
                null,
                ram,
                swap,
                disks,
                null);
    }

    private static CreatePayload limits(Integer cap, Integer shares, Integer zfsIo, Integer lwps, Long quota) {
        return new CreatePayload(
                UUID.randomUUID(), "joyent", "m1", null, null, quota, cap, shares, zfsIo, lwps, null, null, null, null);
    }

    private static CreatePayload resolvers(List<String> resolvers) {
        return new CreatePayload(
                UUID.randomUUID(),
                "joyent",
                "m1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                resolvers);
    }

    private static Nic nic(Boolean primary, String mac) {
        return new Nic("external", List.of("10.0.0.5/24"), List.of(), 0, primary, mac, null);
    }

    private List<String> fields(CreatePayload p) {
        return validator.validate(p).stream().map(FieldError::field).toList();
    }

    @Test
    void joyent_minimal_is_a_known_brand() {
        assertThat(fields(create("joyent-minimal", 256L, null, null, null, null, null)))
                .isEmpty();
        assertThat(fields(create("xen", 256L, null, null, null, null, null))).containsExactly("brand");
    }

    @Test
    void hvm_needs_vcpus_between_1_and_64() {
        assertThat(validator.validate(create("bhyve", 1024L, 1024L, null, null, null, null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("vcpus", "MissingParameter"));
        assertThat(fields(create("bhyve", 1024L, 1024L, null, 65, null, null))).containsExactly("vcpus");
        assertThat(fields(create("bhyve", 1024L, 1024L, null, 64, null, null))).isEmpty();
        assertThat(fields(create("kvm", 1024L, 0L, null, 1, null, null))).containsExactly("ram");
    }

    @Test
    void hvm_max_physical_memory_below_ram_conflicts() {
        assertThat(validator.validate(create("kvm", 1024L, 2048L, 4096L, 2, null, null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("max_physical_memory", "ConflictingParameters"));
        assertThat(fields(create("kvm", 2048L, 2048L, 4096L, 2, null, null))).isEmpty();
        assertThatThrownBy(() -> validator.check(create("kvm", 1024L, 2048L, 4096L, 2, null, null)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("ConflictingParameters"));
    }

    @Test
    void max_swap_is_at_least_256_and_at_least_max_physical_memory() {
        assertThat(validator.validate(create("joyent", 128L, null, 200L, null, null, null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("max_swap", "Invalid"));
        assertThat(validator.validate(create("joyent", 2048L, null, 1024L, null, null, null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("max_swap", "ConflictingParameters"));
        assertThat(fields(create("joyent", 2048L, null, 2048L, null, null, null)))
                .isEmpty();
        assertThat(fields(create("joyent", 128L, null, 256L, null, null, null))).isEmpty();
    }

    @Test
    void disks_are_for_hvm_only_with_positive_size_known_model_and_one_boot_disk() {
        Disk boot = new Disk(null, true, UUID.randomUUID(), "virtio");
        Disk data = new Disk(10_240L, false, null, "scsi");
        assertThat(fields(create("kvm", 1024L, 1024L, null, 1, null, List.of(boot, data))))
                .isEmpty();
        assertThat(fields(create("joyent", 1024L, null, null, null, null, List.of(data))))
                .containsExactly("disks");
        assertThat(fields(create("kvm", 1024L, 1024L, null, 1, null, List.of(boot, new Disk(0L, false, null, "ide")))))
                .containsExactly("disks.1.size");
        assertThat(fields(create("kvm", 1024L, 1024L, null, 1, null, List.of(new Disk(null, false, null, null)))))
                .containsExactly("disks.0.size");
        assertThat(fields(create("bhyve", 1024L, 1024L, null, 1, null, List.of(new Disk(10L, false, null, "sata")))))
                .containsExactly("disks.0.model");
        assertThat(validator.validate(create("bhyve", 1024L, 1024L, null, 1, null, List.of(boot, boot))))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("disks", "ConflictingParameters"));
    }

    @Test
    void nics_need_exactly_one_primary_and_a_single_nic_counts_as_primary() {
        assertThat(fields(create("joyent", null, null, null, null, List.of(nic(null, null)), null)))
                .isEmpty();
        assertThat(fields(create("joyent", null, null, null, null, List.of(nic(true, null), nic(false, null)), null)))
                .isEmpty();
        assertThat(validator.validate(
                        create("joyent", null, null, null, null, List.of(nic(null, null), nic(null, null)), null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("nics", "ConflictingParameters"));
        assertThat(fields(create("joyent", null, null, null, null, List.of(nic(true, null), nic(true, null)), null)))
                .containsExactly("nics");
    }

    @Test
    void at_most_32_nics() {
        List<Nic> ok = IntStream.range(0, 32).mapToObj(i -> nic(i == 0, null)).toList();
        List<Nic> tooMany =
                IntStream.range(0, 33).mapToObj(i -> nic(i == 0, null)).toList();
        assertThat(fields(create("joyent", null, null, null, null, ok, null))).isEmpty();
        assertThat(fields(create("joyent", null, null, null, null, tooMany, null)))
                .containsExactly("nics");
    }

    @Test
    void nic_vlan_mtu_and_mac_are_checked_and_macs_are_unique() {
        Nic bad = new Nic("external", List.of("dhcp"), List.of(), 4095, false, "90:b8:d0:zz:00:01", 575);
        assertThat(fields(create("joyent", null, null, null, null, List.of(nic(true, null), bad), null)))
                .containsExactlyInAnyOrder("nics.1.vlan_id", "nics.1.mac", "nics.1.mtu");
        Nic good = new Nic("external", List.of("dhcp"), List.of(), 4094, false, "90:B8:D0:AA:00:01", 9000);
        assertThat(fields(create("joyent", null, null, null, null, List.of(nic(true, null), good), null)))
                .isEmpty();
        assertThat(validator.validate(create(
                        "joyent",
                        null,
                        null,
                        null,
                        null,
                        List.of(nic(true, "90:b8:d0:aa:00:01"), nic(false, "90:B8:D0:AA:00:01")),
                        null)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("nics.1.mac", "ConflictingParameters"));
    }

    @Test
    void cpu_io_and_lwp_limits_have_vmadm_ranges() {
        assertThat(fields(limits(6400, 65_535, 16_383, 1, 1L))).isEmpty();
        assertThat(fields(limits(0, 1, 0, null, null))).isEmpty();
        assertThat(fields(limits(6401, 65_536, 16_384, 0, 0L)))
                .containsExactlyInAnyOrder("cpu_cap", "cpu_shares", "zfs_io_priority", "max_lwps", "quota");
        assertThat(fields(limits(-1, -1, -1, null, null)))
                .containsExactlyInAnyOrder("cpu_cap", "cpu_shares", "zfs_io_priority");
        assertThat(fields(limits(0, 0, 0, null, null))).containsExactly("cpu_shares"); // fair share needs a weight
    }

    @Test
    void resolvers_must_be_ipv4_addresses() {
        assertThat(fields(resolvers(List.of("8.8.8.8", "10.0.0.1")))).isEmpty();
        assertThat(fields(resolvers(List.of("8.8.8.8", "10.0.0.0/24", "dns.example"))))
                .containsExactly("resolvers.1", "resolvers.2");
    }

    // --- update

    private static MachineInfo current(String brand, long mpm, long ram, int nics) {
        List<Nic> list = IntStream.range(0, nics)
                .mapToObj(i -> new Nic(
                        "external", List.of(), List.of(), 0, i == 0, String.format("90:b8:d0:00:00:%02x", i), 1500))
                .toList();
        return new MachineInfo(
                UUID.randomUUID(),
                "m",
                brand,
                MachineState.RUNNING,
                null,
                mpm,
                10,
                0,
                100,
                List.of(),
                Instant.EPOCH,
                null,
                null,
                null,
                "kvm".equals(brand) ? 2 : null,
                100,
                2000,
                ram,
                Math.max(256, mpm),
                list,
                List.of(),
                Map.of(),
                Map.of());
    }

    private static List<String> updateFields(UpdatePayload u, Set<String> body, MachineInfo m) {
        return UpdateValidator.validate(u, body, m).stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void image_uuid_and_brand_cannot_be_updated() {
        MachineInfo m = current("joyent", 1024, 1024, 1);
        List<FieldError> errors =
                UpdateValidator.validate(UpdatePayload.none(), Set.of("image_uuid", "brand", "alias"), m);
        assertThat(errors)
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(
                        tuple("image_uuid", "image_uuid cannot be updated"), tuple("brand", "brand cannot be updated"));
        assertThat(updateFields(UpdatePayload.none().withAlias("ok"), Set.of("alias"), m))
                .isEmpty();
    }

    @Test
    void update_ranges_match_create() {
        MachineInfo m = current("joyent", 1024, 1024, 1);
        UpdatePayload bad =
                UpdatePayload.none().withAlias("-bad").withResources(0L, null, 100L, 0L, 6401, -1, 16_384, 0, null);
        assertThat(updateFields(bad, Set.of(), m))
                .containsExactlyInAnyOrder(
                        "alias",
                        "max_physical_memory",
                        "max_swap",
                        "quota",
                        "cpu_cap",
                        "cpu_shares",
                        "zfs_io_priority",
                        "max_lwps");
        UpdatePayload good = UpdatePayload.none().withResources(2048L, null, 4096L, 20L, 400, 200, 500, 4000, null);
        assertThat(updateFields(good, Set.of(), m)).isEmpty();
        assertThat(updateFields(
                        UpdatePayload.none().withResources(null, null, null, null, null, null, null, null, 65),
                        Set.of(),
                        current("kvm", 2048, 2048, 1)))
                .containsExactly("vcpus");
    }

    @Test
    void update_couplings_conflict_against_the_current_machine() {
        MachineInfo vm = current("kvm", 4096, 4096, 1);
        assertThat(UpdateValidator.validate(
                        UpdatePayload.none().withResources(2048L, null, null, null, null, null, null, null, null),
                        Set.of(),
                        vm))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("max_physical_memory", "ConflictingParameters"));
        assertThat(updateFields(
                        UpdatePayload.none().withResources(2048L, 2048L, null, null, null, null, null, null, null),
                        Set.of(),
                        vm))
                .isEmpty();
        MachineInfo zone = current("joyent", 1024, 1024, 1);
        assertThat(UpdateValidator.validate(
                        UpdatePayload.none().withResources(4096L, null, 2048L, null, null, null, null, null, null),
                        Set.of(),
                        zone))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("max_swap", "ConflictingParameters"));
    }

    @Test
    void add_nics_counts_against_32_after_removals_and_known_macs() {
        MachineInfo full = current("joyent", 1024, 1024, 32);
        Nic fresh = new Nic("external", List.of("dhcp"), List.of(), 0, false, null, null);
        Nic present = full.nics().get(3);
        assertThat(UpdateValidator.validate(UpdatePayload.none().withNics(List.of(fresh), null), Set.of(), full))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("add_nics", "Invalid"));
        assertThat(updateFields(UpdatePayload.none().withNics(List.of(present), null), Set.of(), full))
                .isEmpty();
        assertThat(updateFields(
                        UpdatePayload.none()
                                .withNics(
                                        List.of(fresh),
                                        List.of(full.nics().get(5).mac())),
                        Set.of(),
                        full))
                .isEmpty();
        assertThat(updateFields(UpdatePayload.none().withNics(null, List.of("nope")), Set.of(), full))
                .containsExactly("remove_nics.0");
        Nic badMtu = new Nic("external", List.of("dhcp"), List.of(), 0, false, null, 10_000);
        assertThat(updateFields(
                        UpdatePayload.none().withNics(List.of(badMtu), null),
                        Set.of(),
                        current("joyent", 1024, 1024, 1)))
                .containsExactly("add_nics.0.mtu");
    }
}
