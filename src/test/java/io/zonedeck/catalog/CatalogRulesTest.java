package io.zonedeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogRulesTest {
    static final PackageRequest VALID = new PackageRequest("g2-small", 1024L, 25L, 1, 50, 100, 100, 1000, 2048L, "std");

    static List<FieldProblem> problems(PackageRequest r) {
        return CatalogRules.checkPackage(CatalogRules.withDefaults(r)).list();
    }

    static PackageRequest pkg(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** A valid package with one value changed. */
    static final class Builder {
        String name = VALID.name();
        Long ram = VALID.ramMiB();
        Long disk = VALID.diskGiB();
        Integer vcpus = VALID.vcpus();
        Integer cap = VALID.cpuCap();
        Integer shares = VALID.cpuShares();
        Integer io = VALID.zfsIoPriority();
        Integer lwps = VALID.maxLwps();
        Long swap = VALID.maxSwapMiB();
        String tag = VALID.billingTag();

        Builder name(String v) {
            name = v;
            return this;
        }

        Builder ram(Long v) {
            ram = v;
            return this;
        }

        Builder disk(Long v) {
            disk = v;
            return this;
        }

        Builder vcpus(Integer v) {
            vcpus = v;
            return this;
        }

        Builder cap(Integer v) {
            cap = v;
            return this;
        }

        Builder shares(Integer v) {
            shares = v;
            return this;
        }

        Builder io(Integer v) {
            io = v;
            return this;
        }

        Builder lwps(Integer v) {
            lwps = v;
            return this;
        }

        Builder swap(Long v) {
            swap = v;
            return this;
        }

        Builder tag(String v) {
            tag = v;
            return this;
        }

        PackageRequest build() {
            return new PackageRequest(name, ram, disk, vcpus, cap, shares, io, lwps, swap, tag);
        }
    }

    static void onlyProblem(PackageRequest r, String field, String code) {
        assertThat(problems(r))
                .as("problems of %s", r)
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @Test
    void a_valid_package_has_no_problem() {
        assertThat(problems(VALID)).isEmpty();
    }

    @Test
    void name_is_required() {
        onlyProblem(pkg(b -> b.name(null)), "name", "MissingParameter");
        onlyProblem(pkg(b -> b.name("  ")), "name", "MissingParameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/", "ümlaut", "a+b"})
    void name_with_other_characters_is_invalid(String name) {
        onlyProblem(pkg(b -> b.name(name)), "name", "Invalid");
    }

    @Test
    void name_length_is_1_to_64() {
        assertThat(problems(pkg(b -> b.name("a".repeat(64))))).isEmpty();
        assertThat(problems(pkg(b -> b.name("a")))).isEmpty();
        onlyProblem(pkg(b -> b.name("a".repeat(65))), "name", "Invalid");
        assertThat(problems(pkg(b -> b.name("g1.x_Y-2")))).isEmpty();
    }

    @Test
    void ram_is_required_and_at_least_64_mib() {
        assertThat(problems(pkg(b -> b.ram(64L).swap(256L)))).isEmpty();
        onlyProblem(pkg(b -> b.ram(63L).swap(256L)), "ramMiB", "Invalid");
        onlyProblem(pkg(b -> b.ram(null).swap(256L)), "ramMiB", "MissingParameter");
    }

    @Test
    void disk_is_required_and_at_least_1_gib() {
        assertThat(problems(pkg(b -> b.disk(1L)))).isEmpty();
        onlyProblem(pkg(b -> b.disk(0L)), "diskGiB", "Invalid");
        onlyProblem(pkg(b -> b.disk(null)), "diskGiB", "MissingParameter");
    }

    @Test
    void vcpus_are_1_to_64_and_default_to_1() {
        assertThat(problems(pkg(b -> b.vcpus(64)))).isEmpty();
        onlyProblem(pkg(b -> b.vcpus(0)), "vcpus", "Invalid");
        onlyProblem(pkg(b -> b.vcpus(65)), "vcpus", "Invalid");
        assertThat(CatalogRules.withDefaults(pkg(b -> b.vcpus(null))).vcpus()).isEqualTo(1);
    }

    @Test
    void cpu_cap_is_0_uncapped_to_6400() {
        assertThat(problems(pkg(b -> b.cap(0)))).isEmpty();
        assertThat(problems(pkg(b -> b.cap(6400)))).isEmpty();
        onlyProblem(pkg(b -> b.cap(-1)), "cpuCap", "Invalid");
        onlyProblem(pkg(b -> b.cap(6401)), "cpuCap", "Invalid");
    }

    @Test
    void cpu_shares_are_1_to_65535() {
        assertThat(problems(pkg(b -> b.shares(1)))).isEmpty();
        assertThat(problems(pkg(b -> b.shares(65535)))).isEmpty();
        onlyProblem(pkg(b -> b.shares(0)), "cpuShares", "Invalid");
        onlyProblem(pkg(b -> b.shares(65536)), "cpuShares", "Invalid");
    }

    @Test
    void zfs_io_priority_is_0_to_1000() {
        assertThat(problems(pkg(b -> b.io(0)))).isEmpty();
        assertThat(problems(pkg(b -> b.io(1000)))).isEmpty();
        onlyProblem(pkg(b -> b.io(-1)), "zfsIoPriority", "Invalid");
        onlyProblem(pkg(b -> b.io(1001)), "zfsIoPriority", "Invalid");
    }

    @Test
    void max_lwps_are_at_least_100() {
        assertThat(problems(pkg(b -> b.lwps(100)))).isEmpty();
        onlyProblem(pkg(b -> b.lwps(99)), "maxLwps", "Invalid");
    }

    @Test
    void swap_is_at_least_256_mib_and_at_least_the_ram() {
        assertThat(problems(pkg(b -> b.ram(128L).swap(256L)))).isEmpty();
        assertThat(problems(pkg(b -> b.ram(1024L).swap(1024L)))).isEmpty();
        onlyProblem(pkg(b -> b.ram(128L).swap(255L)), "maxSwapMiB", "Invalid");
        onlyProblem(pkg(b -> b.ram(2048L).swap(1024L)), "maxSwapMiB", "ConflictingParameters");
    }

    @Test
    void swap_defaults_to_twice_the_ram_and_at_least_256_mib() {
        assertThat(CatalogRules.withDefaults(pkg(b -> b.ram(1024L).swap(null))).maxSwapMiB())
                .isEqualTo(2048);
        assertThat(CatalogRules.withDefaults(pkg(b -> b.ram(64L).swap(null))).maxSwapMiB())
                .isEqualTo(256);
    }

    @Test
    void an_empty_request_reports_what_is_missing() {
        PackageRequest empty = new PackageRequest(null, null, null, null, null, null, null, null, null, null);
        assertThat(problems(empty))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("name", "MissingParameter"),
                        org.assertj.core.groups.Tuple.tuple("ramMiB", "MissingParameter"),
                        org.assertj.core.groups.Tuple.tuple("diskGiB", "MissingParameter"));
    }

    @Test
    void billing_tag_is_at_most_64_characters() {
        assertThat(problems(pkg(b -> b.tag("x".repeat(64))))).isEmpty();
        assertThat(problems(pkg(b -> b.tag(null)))).isEmpty();
        onlyProblem(pkg(b -> b.tag("x".repeat(65))), "billingTag", "Invalid");
    }

    @Test
    void every_problem_is_reported_at_once() {
        PackageRequest bad = new PackageRequest("bad name", 1L, 0L, 0, -1, 0, -1, 1, 1L, "x".repeat(65));
        assertThat(problems(bad))
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(
                        "name",
                        "ramMiB",
                        "diskGiB",
                        "vcpus",
                        "cpuCap",
                        "cpuShares",
                        "zfsIoPriority",
                        "maxLwps",
                        "maxSwapMiB",
                        "billingTag");
    }

    // --- images ---

    static final ImageRequest IMAGE = new ImageRequest("ubuntu-26.04", "20260401", "linux", List.of("lx"), 600L);

    static List<FieldProblem> problems(ImageRequest r) {
        return CatalogRules.checkImage(CatalogRules.normalize(r)).list();
    }

    static void onlyProblem(ImageRequest r, String field, String code) {
        assertThat(problems(r))
                .as("problems of %s", r)
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @Test
    void a_valid_image_has_no_problem() {
        assertThat(problems(IMAGE)).isEmpty();
    }

    @Test
    void image_name_is_required_and_restricted() {
        onlyProblem(new ImageRequest(null, "1", "linux", List.of("lx"), 1L), "name", "MissingParameter");
        onlyProblem(new ImageRequest("a b", "1", "linux", List.of("lx"), 1L), "name", "Invalid");
    }

    @Test
    void image_version_is_required_and_restricted() {
        onlyProblem(new ImageRequest("img", " ", "linux", List.of("lx"), 1L), "version", "MissingParameter");
        onlyProblem(new ImageRequest("img", "1 0", "linux", List.of("lx"), 1L), "version", "Invalid");
        onlyProblem(new ImageRequest("img", "1".repeat(33), "linux", List.of("lx"), 1L), "version", "Invalid");
    }

    @Test
    void image_os_is_one_of_imgapis() {
        onlyProblem(new ImageRequest("img", "1", null, List.of("lx"), 1L), "os", "MissingParameter");
        onlyProblem(new ImageRequest("img", "1", "beos", List.of("lx"), 1L), "os", "Invalid");
        assertThat(problems(new ImageRequest("img", "1", "windows", List.of("bhyve"), 1L)))
                .isEmpty();
    }

    @Test
    void brands_are_at_least_one_of_the_five() {
        onlyProblem(new ImageRequest("img", "1", "linux", List.of(), 1L), "brands", "MissingParameter");
        onlyProblem(new ImageRequest("img", "1", "linux", null, 1L), "brands", "MissingParameter");
        onlyProblem(new ImageRequest("img", "1", "linux", List.of("lx", "solaris"), 1L), "brands", "Invalid");
        assertThat(problems(new ImageRequest(
                        "img", "1", "linux", List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve"), 1L)))
                .isEmpty();
    }

    @Test
    void duplicate_brands_are_kept_once() {
        assertThat(CatalogRules.normalize(new ImageRequest("img", "1", "linux", List.of("kvm", "kvm", "lx"), 1L))
                        .brands())
                .containsExactly("kvm", "lx");
    }

    @Test
    void image_size_is_more_than_0() {
        assertThat(problems(new ImageRequest("img", "1", "linux", List.of("lx"), 1L)))
                .isEmpty();
        onlyProblem(new ImageRequest("img", "1", "linux", List.of("lx"), 0L), "sizeMiB", "Invalid");
        onlyProblem(new ImageRequest("img", "1", "linux", List.of("lx"), null), "sizeMiB", "MissingParameter");
    }
}
