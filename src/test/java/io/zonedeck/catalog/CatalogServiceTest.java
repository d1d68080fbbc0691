package io.zonedeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.internal.ImageEntity;
import io.zonedeck.catalog.internal.ImageRepository;
import io.zonedeck.catalog.internal.PackageEntity;
import io.zonedeck.catalog.internal.PackageRepository;
import io.zonedeck.security.CurrentCaller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-use rules and duplicates, with the repositories mocked and a settable machine count. */
class CatalogServiceTest {
    PackageRepository packages = mock(PackageRepository.class);
    ImageRepository images = mock(ImageRepository.class);
    Map<UUID, Long> machinesUsing = new HashMap<>();
    CatalogUsage usage = new CatalogUsage() {
        @Override
        public long machinesUsingPackage(UUID id) {
            return machinesUsing.getOrDefault(id, 0L);
        }

        @Override
        public long machinesUsingImage(UUID id) {
            return machinesUsing.getOrDefault(id, 0L);
        }
    };
    CatalogService catalog = new CatalogService(packages, images, List.of(usage), mock(CurrentCaller.class));
    PackageEntity small = new PackageEntity();
    ImageEntity base = new ImageEntity();

    @BeforeEach
    void setUp() {
        small.id = UUID.randomUUID();
        small.name = "g1-small";
        small.ramMiB = 1024;
        small.diskGiB = 25;
        small.vcpus = 1;
        small.cpuCap = 50;
        small.cpuShares = 100;
        small.zfsIoPriority = 100;
        small.maxLwps = 1000;
        small.maxSwapMiB = 2048;
        when(packages.findById(small.id)).thenReturn(Optional.of(small));
        when(packages.findByName("g1-small")).thenReturn(Optional.of(small));
        when(packages.save(any())).thenAnswer(i -> i.getArgument(0));
        base.id = UUID.randomUUID();
        base.name = "base";
        base.version = "1";
        base.os = "smartos";
        base.brands = "joyent";
        base.sizeMiB = 400;
        when(images.findById(base.id)).thenReturn(Optional.of(base));
        when(images.findByName("base")).thenReturn(List.of(base));
        when(images.save(any())).thenAnswer(i -> i.getArgument(0));
    }

    static PackageRequest onlyRam(long ram) {
        return new PackageRequest(null, ram, null, null, null, null, null, null, 4096L, null);
    }

    @Test
    void a_created_package_gets_the_vmadm_defaults() {
        MachinePackage p = catalog.createPackage(
                new PackageRequest("g2-tiny", 128L, 5L, null, null, null, null, null, null, null));
        assertThat(p.maxSwapMiB()).isEqualTo(256);
        assertThat(p.cpuShares()).isEqualTo(100);
        assertThat(p.zfsIoPriority()).isEqualTo(100);
        assertThat(p.maxLwps()).isEqualTo(2000);
        assertThat(p.billingTag()).isEmpty();
        assertThat(p.active()).isTrue();
    }

    @Test
    void a_duplicate_package_name_is_a_409_on_the_name() {
        assertThatThrownBy(() -> catalog.createPackage(
                        new PackageRequest("g1-small", 512L, 5L, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("Duplicate");
                    assertThat(e.errors())
                            .extracting(ZoneDeckException.FieldProblem::field)
                            .containsExactly("name");
                });
        verify(packages, never()).save(any());
    }

    @Test
    void invalid_input_is_a_422_and_nothing_is_saved() {
        assertThatThrownBy(() -> catalog.createPackage(
                        new PackageRequest("x", 10L, 5L, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.messageFor("ramMiB")).isPresent();
                });
        verify(packages, never()).save(any());
    }

    @Test
    void an_unused_package_can_be_resized() {
        assertThat(catalog.updatePackage(small.id, onlyRam(2048)).ramMiB()).isEqualTo(2048);
    }

    @Test
    void a_used_package_cannot_be_resized() {
        machinesUsing.put(small.id, 3L);
        assertThatThrownBy(() -> catalog.updatePackage(small.id, onlyRam(2048)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("InUse");
                    assertThat(e.getMessage())
                            .contains("package g1-small is used by 3 machines: retire it and create a new one");
                });
        assertThat(small.ramMiB).isEqualTo(1024);
    }

    @Test
    void a_used_package_may_change_its_billing_tag_only() {
        machinesUsing.put(small.id, 1L);
        MachinePackage p = catalog.updatePackage(
                small.id, new PackageRequest(null, null, null, null, null, null, null, null, null, "gold"));
        assertThat(p.billingTag()).isEqualTo("gold");
        assertThatThrownBy(() -> catalog.updatePackage(
                        small.id, new PackageRequest("renamed", null, null, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("InUse"));
    }

    @Test
    void a_used_package_can_be_retired_and_reactivated_but_not_deleted() {
        machinesUsing.put(small.id, 2L);
        assertThat(catalog.retirePackage(small.id).active()).isFalse();
        assertThat(catalog.reactivatePackage(small.id).active()).isTrue();
        assertThatThrownBy(() -> catalog.deletePackage(small.id)).isInstanceOfSatisfying(ZoneDeckException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("InUse");
        });
        verify(packages, never()).delete(any());
    }

    @Test
    void an_unused_package_can_be_deleted() {
        catalog.deletePackage(small.id);
        verify(packages).delete(small);
    }

    @Test
    void without_a_usage_counter_nothing_is_in_use() {
        CatalogService alone = new CatalogService(packages, images, List.of(), mock(CurrentCaller.class));
        assertThat(alone.machinesUsingPackage(small.id)).isZero();
        alone.deletePackage(small.id);
        verify(packages).delete(small);
    }

    @Test
    void counts_of_several_usage_counters_add_up() {
        machinesUsing.put(small.id, 2L);
        CatalogService two = new CatalogService(packages, images, List.of(usage, usage), mock(CurrentCaller.class));
        assertThat(two.machinesUsingPackage(small.id)).isEqualTo(4);
    }

    @Test
    void a_missing_package_is_not_found() {
        assertThatThrownBy(() -> catalog.retirePackage(UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void an_image_name_and_version_are_unique() {
        assertThatThrownBy(() -> catalog.createImage(new ImageRequest("base", "1", "smartos", List.of("joyent"), 1L)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.code()).isEqualTo("Duplicate");
                    assertThat(e.messageFor("version")).isPresent();
                });
        assertThat(catalog.createImage(new ImageRequest("base", "2", "smartos", List.of("joyent"), 1L))
                        .version())
                .isEqualTo("2");
    }

    @Test
    void an_imported_image_keeps_its_uuid_and_a_second_import_changes_nothing() {
        UUID id = UUID.fromString("7a1e0000-0000-4000-8000-000000000002");
        when(images.findById(id)).thenReturn(Optional.empty());
        when(images.save(any())).thenAnswer(i -> i.getArgument(0));
        Image imported = catalog.importImage(id, new ImageRequest("cpu-burner", "1", "linux", List.of("joyent"), 1L));
        assertThat(imported.id()).isEqualTo(id);
        assertThat(imported.name()).isEqualTo("cpu-burner");

        ImageEntity stored = new ImageEntity();
        stored.id = id;
        stored.name = "cpu-burner";
        stored.version = "1";
        stored.os = "linux";
        stored.brands = "joyent";
        stored.sizeMiB = 1;
        stored.state = "active";
        when(images.findById(id)).thenReturn(Optional.of(stored));
        org.mockito.Mockito.clearInvocations(images);
        assertThat(catalog.importImage(id, new ImageRequest("renamed", "9", "linux", List.of("lx"), 5L))
                        .name())
                .isEqualTo("cpu-burner");
        verify(images, never()).save(any());
    }

    @Test
    void an_import_under_a_taken_name_and_version_is_refused_on_the_version() {
        UUID id = UUID.randomUUID();
        when(images.findById(id)).thenReturn(Optional.empty());
        assertThatThrownBy(
                        () -> catalog.importImage(id, new ImageRequest("base", "1", "smartos", List.of("joyent"), 1L)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.messageFor("version")).isPresent());
    }

    @Test
    void images_are_disabled_and_enabled_and_deleted_only_when_unused() {
        assertThat(catalog.disableImage(base.id).state()).isEqualTo("disabled");
        assertThat(catalog.enableImage(base.id).state()).isEqualTo("active");
        machinesUsing.put(base.id, 1L);
        assertThatThrownBy(() -> catalog.deleteImage(base.id))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("InUse"));
        assertThatThrownBy(() -> catalog.updateImage(base.id, new ImageRequest(null, null, null, null, 500L)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("InUse"));
        verify(images, never()).delete(any());
        machinesUsing.remove(base.id);
        catalog.deleteImage(base.id);
        verify(images).delete(base);
    }
}
