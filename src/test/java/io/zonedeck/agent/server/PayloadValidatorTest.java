package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayloadValidatorTest {
    private final PayloadValidator validator = new PayloadValidator(List.of("joyent", "lx", "kvm", "bhyve"));

    private static CreatePayload payload(
            String brand, String alias, Long ram, Long quota, Integer cap, Integer shares, Integer vcpus) {
        return new CreatePayload(
                UUID.randomUUID(),
                brand,
                alias,
                UUID.randomUUID(),
                ram,
                quota,
                cap,
                shares,
                null,
                null,
                vcpus,
                null,
                null,
                null);
    }

    private List<String> fields(CreatePayload p) {
        return validator.validate(p).stream().map(FieldError::field).toList();
    }

    @Test
    void accepts_a_complete_zone_payload() {
        assertThat(validator.validate(payload("joyent", "web-1.prod_a", 1024L, 10L, 100, 50, null)))
                .isEmpty();
    }

    @Test
    void accepts_omitted_sizes_because_vmadm_has_defaults() {
        assertThat(validator.validate(payload("lx", "a", null, null, null, null, null)))
                .isEmpty();
    }

    @Test
    void missing_uuid_brand_and_alias_are_missing_parameters() {
        CreatePayload p =
                new CreatePayload(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(validator.validate(p))
                .extracting(FieldError::field, FieldError::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("uuid", "MissingParameter"),
                        org.assertj.core.groups.Tuple.tuple("brand", "MissingParameter"),
                        org.assertj.core.groups.Tuple.tuple("alias", "MissingParameter"));
        assertThatThrownBy(() -> validator.check(p)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.error().code()).isEqualTo("MissingParameter");
            assertThat(e.error().errors()).hasSize(3);
        });
    }

    @Test
    void unknown_brand_is_invalid() {
        assertThat(validator.validate(payload("xen", "a", 1L, 1L, 0, 100, null)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("brand");
                    assertThat(e.code()).isEqualTo("Invalid");
                });
    }

    @Test
    void brand_the_node_cannot_run_is_invalid() {
        PayloadValidator linuxOnly = new PayloadValidator(List.of("lx"));
        assertThat(linuxOnly.validate(payload("kvm", "a", 1L, 1L, 0, 100, 2)))
                .extracting(FieldError::field)
                .containsExactly("brand");
    }

    @Test
    void alias_must_be_1_to_64_safe_characters_starting_alphanumeric() {
        assertThat(fields(payload("joyent", "-bad", 1L, 1L, 0, 100, null))).containsExactly("alias");
        assertThat(fields(payload("joyent", "has space", 1L, 1L, 0, 100, null))).containsExactly("alias");
        assertThat(fields(payload("joyent", "a".repeat(65), 1L, 1L, 0, 100, null)))
                .containsExactly("alias");
        assertThat(fields(payload("joyent", "a".repeat(64), 1L, 1L, 0, 100, null)))
                .isEmpty();
        assertThat(fields(payload("joyent", "", 1L, 1L, 0, 100, null))).containsExactly("alias");
    }

    @Test
    void sizes_must_be_positive_and_cpu_limits_not_negative() {
        List<FieldError> errors = validator.validate(payload("joyent", "a", 0L, -1L, -5, -1, null));
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("max_physical_memory", "quota", "cpu_cap", "cpu_shares");
        assertThat(errors).allSatisfy(e -> assertThat(e.code()).isEqualTo("Invalid"));
        assertThatThrownBy(() -> validator.check(payload("joyent", "a", 0L, 1L, 0, 0, null)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("Invalid"));
    }

    @Test
    void hvm_brands_require_positive_vcpus() {
        assertThat(validator.validate(payload("kvm", "vm", 1024L, 10L, 0, 100, null)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("vcpus");
                    assertThat(e.code()).isEqualTo("MissingParameter");
                });
        assertThat(fields(payload("bhyve", "vm", 1024L, 10L, 0, 100, 0))).containsExactly("vcpus");
        assertThat(fields(payload("bhyve", "vm", 1024L, 10L, 0, 100, 2))).isEmpty();
    }

    @Test
    void nic_fields_are_checked_and_named_by_index() {
        CreatePayload p = new CreatePayload(
                UUID.randomUUID(),
                "joyent",
                "a",
                null,
                1L,
                1L,
                null,
                null,
                null,
                null,
                null,
                List.of(
                        new Nic("external", List.of("10.0.0.5/24"), null, 10, true),
                        new Nic(null, List.of("not-an-ip"), null, 5000, false)),
                null,
                null);
        assertThat(fields(p)).containsExactlyInAnyOrder("nics.1.nic_tag", "nics.1.ips", "nics.1.vlan_id");
    }
}
