package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.vrrp.VrrpRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state log as keepalived's notify script writes it, without keepalived: the machine's namespace does not
 * exist, so the router is configured but not started, and the test writes the lines itself (no root needed).
 */
class KeepalivedVrrpNotifyTest {
    private static final UUID M = UUID.randomUUID();
    private static final MachineNet NET =
            new MachineNet("zd-absent-" + M.toString().substring(0, 8), "eth0", "10.88.0.11", 24, "joyent");

    @TempDir
    Path dir;

    private KeepalivedVrrp vrrp;
    private final List<VrrpTransition> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws DriverException {
        vrrp = new KeepalivedVrrp(dir, id -> id.equals(M) ? Optional.of(NET) : Optional.empty(), Clock.systemUTC());
        vrrp.setTransitionListener(seen::add);
        vrrp.configure(M, new VrrpSpec(9, "10.88.0.11", 100, 1000, true, true, List.of("10.88.0.100"), "admin", 0));
    }

    @AfterEach
    void stop() throws DriverException {
        vrrp.closeAndRemoveAll();
    }

    private void notify(String text) throws Exception {
        Files.writeString(
                dir.resolve(M + "-9").resolve("state.log"), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void awaitSeen(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3_000;
        while (seen.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void a_router_whose_machine_is_not_running_is_configured_but_idle() {
        assertThat(vrrp.routers()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(VrrpState.INIT);
            assertThat(r.enabled()).isTrue();
            assertThat(r.mac()).isEqualTo("00:00:5e:00:01:09");
            assertThat(r.primaryIp()).isEqualTo("10.88.0.11");
        });
        assertThat(vrrp.pid(M, 9)).isZero();
        assertThat(dir.resolve(M + "-9").resolve("keepalived.conf")).exists();
        assertThat(dir.resolve(M + "-9").resolve("notify.sh")).isExecutable();
    }

    @Test
    void notify_lines_become_transitions_stamped_with_the_scripts_time() throws Exception {
        notify("1000 INSTANCE zd_9 BACKUP 100\n");
        awaitSeen(1);
        notify("2000 INSTANCE zd_9 MASTER 100\n1990 INSTANCE zd_9 MASTER 100\n");
        awaitSeen(2);
        notify("3000 INSTANCE zd_9 FAULT 100\n4000 INSTANCE zd_9 BACKUP 100\n5000 INSTANCE zd_9 STOP 100\n");
        awaitSeen(5);

        assertThat(seen)
                .extracting(VrrpTransition::from, VrrpTransition::to, VrrpTransition::at, VrrpTransition::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                VrrpState.INIT, VrrpState.BACKUP, 1000L, VrrpRouter.REASON_STARTUP),
                        org.assertj.core.groups.Tuple.tuple(
                                VrrpState.BACKUP, VrrpState.MASTER, 2000L, KeepalivedVrrp.REASON_TAKEOVER),
                        org.assertj.core.groups.Tuple.tuple(
                                VrrpState.MASTER, VrrpState.INIT, 3000L, KeepalivedVrrp.REASON_FAULT),
                        org.assertj.core.groups.Tuple.tuple(
                                VrrpState.INIT, VrrpState.BACKUP, 4000L, VrrpRouter.REASON_STARTUP),
                        org.assertj.core.groups.Tuple.tuple(
                                VrrpState.BACKUP, VrrpState.INIT, 5000L, KeepalivedVrrp.REASON_STOPPED));
        assertThat(vrrp.routers().get(0).stateSince()).isEqualTo(5000L);
    }

    @Test
    void a_half_written_line_waits_for_its_end_and_garbage_is_skipped() throws Exception {
        notify("garbage that is not a notify line\n1000 INSTANCE zd_9 MAS");
        Thread.sleep(4 * KeepalivedVrrp.POLL_MS);
        assertThat(seen).isEmpty();
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.INIT);

        notify("TER 100\n");
        awaitSeen(1);

        assertThat(seen.get(0).to()).isEqualTo(VrrpState.MASTER);
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_watcher() throws Exception {
        vrrp.setTransitionListener(t -> {
            seen.add(t);
            throw new IllegalStateException("boom");
        });
        notify("1000 INSTANCE zd_9 BACKUP 100\n");
        awaitSeen(1);
        notify("2000 INSTANCE zd_9 MASTER 100\n");
        awaitSeen(2);
    }

    @Test
    void a_new_instance_reports_the_router_but_not_a_state_of_a_keepalived_that_no_longer_runs() throws Exception {
        notify("1000 INSTANCE zd_9 MASTER 100\n");
        awaitSeen(1);
        vrrp.close();

        vrrp = new KeepalivedVrrp(dir, id -> Optional.of(NET), Clock.systemUTC());

        assertThat(vrrp.routers()).singleElement().satisfies(r -> {
            assertThat(r.uuid()).isEqualTo(M);
            assertThat(r.vrid()).isEqualTo(9);
            assertThat(r.state()).isEqualTo(VrrpState.INIT);
            assertThat(r.priority()).isEqualTo(100);
        });
    }
}
