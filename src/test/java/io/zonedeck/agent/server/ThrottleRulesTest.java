package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.UpdatePayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** vmadm-style checks of the throttles (cpu_baseline, bursting, disk I/O throttle) and their wire format. */
class ThrottleRulesTest {
    private final PayloadValidator validator = new PayloadValidator(List.of("joyent", "kvm"));
    private final ObjectMapper json = AgentJson.newMapper();

    private static CreatePayload create(Integer cap, Integer baseline, Integer burst, Long bps, Long iops) {
        return new CreatePayload(
                UUID.randomUUID(),
                "joyent",
                "t1",
                null,
                null,
                null,
                cap,
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
                baseline,
                burst,
                bps,
                iops);
    }

    private static MachineInfo current(int cap, int baseline) {
        return new MachineInfo(
                UUID.randomUUID(),
                "m",
                "joyent",
                MachineState.RUNNING,
                null,
                1024,
                10,
                cap,
                100,
                List.of(),
                Instant.EPOCH,
                null,
                null,
                null,
                null,
                100,
                2000,
                1024L,
                1024L,
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                baseline,
                30,
                0L,
                0L);
    }

    private List<FieldError> errors(CreatePayload p) {
        return validator.validate(p);
    }

    private static List<FieldError> errors(UpdatePayload u, MachineInfo m) {
        return UpdateValidator.validate(u, Set.of(), m);
    }

    private static UpdatePayload throttles(Integer cap, Integer baseline, Integer burst, Long bps, Long iops) {
        return UpdatePayload.none().withThrottles(cap, null, baseline, burst, null, bps, iops, null, null);
    }

    @Test
    void throttles_have_ranges() {
        assertThat(errors(create(100, 50, 86_400, 0L, 0L))).isEmpty();
        assertThat(errors(create(null, null, null, null, null))).isEmpty();
        assertThat(errors(create(100, -1, 86_401, -1L, -1L)))
                .extracting(FieldError::field, FieldError::code)
                .containsExactlyInAnyOrder(
                        tuple("cpu_baseline", "Invalid"),
                        tuple("cpu_burst_seconds", "Invalid"),
                        tuple("disk_bps_max", "Invalid"),
                        tuple("disk_iops_max", "Invalid"));
    }

    @Test
    void a_baseline_needs_a_cap_above_it() {
        assertThat(errors(create(null, 50, 60, null, null)))
                .extracting(FieldError::field, FieldError::code, FieldError::message)
                .containsExactly(tuple(
                        "cpu_baseline",
                        "ConflictingParameters",
                        "cpu_baseline needs a cpu_cap above it (bursting runs between the two)"));
        assertThat(errors(create(40, 50, 60, null, null)))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("cpu_baseline", "cpu_baseline must be at most cpu_cap (40)"));
        assertThat(errors(create(50, 50, 60, null, null))).isEmpty(); // equal: a plain cap
        assertThat(errors(create(null, 0, 60, null, null))).isEmpty(); // 0 = no baseline
    }

    @Test
    void an_update_checks_the_baseline_against_the_cap_in_force_after_it() {
        MachineInfo capped = current(100, 0);
        assertThat(errors(throttles(null, 80, null, null, null), capped)).isEmpty();
        assertThat(errors(throttles(null, 120, null, null, null), capped))
                .extracting(FieldError::field)
                .containsExactly("cpu_baseline");
        assertThat(errors(throttles(60, 80, null, null, null), capped))
                .extracting(FieldError::message)
                .containsExactly("cpu_baseline must be at most cpu_cap (60)");
        assertThat(errors(throttles(null, 30, null, null, null), current(0, 0)))
                .extracting(FieldError::field)
                .containsExactly("cpu_baseline");
        // lowering only the cap leaves an existing baseline without effect: not an error
        assertThat(errors(throttles(20, null, null, null, null), current(100, 50)))
                .isEmpty();
        assertThat(errors(throttles(null, null, 86_401, -5L, null), capped))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("cpu_burst_seconds", "disk_bps_max");
    }

    @Test
    void the_new_fields_travel_in_snake_case_and_old_json_still_reads() throws Exception {
        UpdatePayload u = throttles(200, 50, 60, 1_000_000L, 500L);
        String wire = json.writeValueAsString(u);
        assertThat(wire)
                .contains(
                        "\"cpu_cap\":200",
                        "\"cpu_baseline\":50",
                        "\"cpu_burst_seconds\":60",
                        "\"disk_bps_max\":1000000",
                        "\"disk_iops_max\":500");
        assertThat(json.readValue(wire, UpdatePayload.class)).isEqualTo(u);

        MachineSample s =
                new MachineSample(UUID.randomUUID(), 12.5, 50, 100, 512, 1, 2, 3, 4, 200, 25, 7, 80.0, 5, 6, 123.4, 42);
        String sample = json.writeValueAsString(new NodeSample(40, 100, List.of(s), 130));
        assertThat(sample)
                .contains(
                        "\"cpu_demand_pct\":130.0",
                        "\"burst_credit_s\":7.0",
                        "\"io_delay_us\":123.4",
                        "\"disk_read_ops\":5",
                        "\"lwps\":42",
                        "\"mem_rss_mib\":100");
        assertThat(json.readValue(sample, NodeSample.class).machines()).containsExactly(s);

        String v10 = "{\"cpu_util_pct\":10,\"mem_used_mib\":5,\"machines\":[{\"uuid\":\"" + s.uuid()
                + "\",\"cpu_pct\":3,\"cpu_cap\":50,\"mem_rss_mib\":1,\"mem_cap_mib\":2}]}";
        NodeSample old = json.readValue(v10, NodeSample.class);
        assertThat(old.cpuDemandPct()).isZero();
        assertThat(old.machines().get(0).cpuPct()).isEqualTo(3.0);
        assertThat(old.machines().get(0).cpuBaseline()).isZero();
    }
}
