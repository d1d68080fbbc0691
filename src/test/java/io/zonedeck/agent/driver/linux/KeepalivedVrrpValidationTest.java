package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.driver.DriverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What KeepalivedVrrp refuses before it touches keepalived (no root needed). */
class KeepalivedVrrpValidationTest {
    private static final UUID ZONE = UUID.randomUUID();
    private static final UUID VM = UUID.randomUUID();
    private static final Map<UUID, MachineNet> NETS = Map.of(
            ZONE, new MachineNet("zd-none-1", "eth0", "10.88.0.11", 24, "joyent"),
            VM, new MachineNet("zd-none-2", "eth0", "10.88.0.12", 24, "kvm"));

    @TempDir
    Path dir;

    private KeepalivedVrrp vrrp;

    @BeforeEach
    void start() throws DriverException {
        vrrp = new KeepalivedVrrp(dir, id -> Optional.ofNullable(NETS.get(id)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        vrrp.close();
    }

    private static VrrpSpec spec(int vrid, String primary, int priority) {
        return new VrrpSpec(vrid, primary, priority, 1000, true, true, List.of("10.88.0.100"), "admin", 0);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOf(DriverException.class)
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(code));
    }

    @Test
    void a_primary_ip_that_is_not_the_machines_is_invalid() {
        assertThatThrownBy(() -> vrrp.configure(ZONE, spec(7, "10.88.0.99", 100)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("10.88.0.99 is not an address of the machine")
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(DriverException.INVALID));
    }

    @Test
    void vrid_and_priority_out_of_range_and_kvm_machines_are_invalid() {
        assertCode(() -> vrrp.configure(ZONE, spec(0, "10.88.0.11", 100)), DriverException.INVALID);
        assertCode(() -> vrrp.configure(ZONE, spec(256, "10.88.0.11", 100)), DriverException.INVALID);
        assertCode(() -> vrrp.configure(ZONE, spec(7, "10.88.0.11", 0)), DriverException.INVALID);
        assertCode(() -> vrrp.configure(VM, spec(7, "10.88.0.12", 100)), DriverException.INVALID);
        assertCode(() -> vrrp.configure(ZONE, null), DriverException.INVALID);
        assertCode(
                () -> vrrp.configure(ZONE, new VrrpSpec(7, "10.88.0.11", 100, 1000, true, true, List.of(), "admin", 0)),
                DriverException.INVALID);
    }

    @Test
    void an_unknown_machine_or_router_is_not_found() {
        UUID stranger = UUID.randomUUID();
        assertCode(() -> vrrp.configure(stranger, spec(7, "10.88.0.11", 100)), DriverException.NOT_FOUND);
        assertCode(() -> vrrp.remove(stranger, 7), DriverException.NOT_FOUND);
        assertCode(() -> vrrp.remove(ZONE, 7), DriverException.NOT_FOUND);
        assertCode(() -> vrrp.setEnabled(ZONE, 7, false), DriverException.NOT_FOUND);
        assertCode(() -> vrrp.release(ZONE, 7, 50), DriverException.NOT_FOUND);
        assertCode(() -> vrrp.release(ZONE, 7, 0), DriverException.INVALID);
        assertThat(vrrp.routers()).isEmpty();
    }

    @Test
    void unreadable_state_is_skipped_on_re_adoption_not_fatal() throws Exception {
        Path junk = Files.createDirectories(dir.resolve(ZONE + "-9"));
        Files.writeString(junk.resolve("router.json"), "{not json");
        Files.writeString(Files.createDirectories(dir.resolve("x-1")).resolve("router.json"), "{}");

        try (KeepalivedVrrp again = new KeepalivedVrrp(dir, id -> Optional.empty(), Clock.systemUTC())) {
            assertThat(again.routers()).isEmpty();
        }
    }

    @Test
    void notify_lines_parse_into_states_and_odd_ones_are_skipped() {
        assertThat(vrrp.parse("1795590475282 INSTANCE zd_51 MASTER 100"))
                .hasValueSatisfying(n -> assertThat(n.at()).isEqualTo(1795590475282L))
                .hasValueSatisfying(n -> assertThat(n.state()).hasToString("MASTER"));
        assertThat(vrrp.parse("1795590472201 INSTANCE zd_51 FAULT 200"))
                .hasValueSatisfying(n -> assertThat(n.state()).hasToString("INIT"));
        assertThat(vrrp.parse("1795590484932 INSTANCE zd_51 STOP 150"))
                .hasValueSatisfying(n -> assertThat(n.state()).hasToString("INIT"));
        assertThat(vrrp.parse("garbage")).isEmpty();
        assertThat(vrrp.parse("x INSTANCE zd_51 MASTER 100")).isEmpty();
        assertThat(vrrp.parse("1 INSTANCE zd_51 DANCING 100")).isEmpty();
        assertThat(vrrp.parse("1 GROUP g MASTER")).isEmpty();
        assertThat(vrrp.parse("")).isEmpty();
    }
}
