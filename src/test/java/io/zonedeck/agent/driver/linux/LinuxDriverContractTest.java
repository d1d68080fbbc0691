package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.WorkloadImages;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shared driver contract over the real linux driver (root), opened the way the agent opens it: with keepalived
 * and bpftrace where the host has them. Machines run the idle workload.
 */
class LinuxDriverContractTest extends DriverContract {
    private LinuxDriver linux;

    @Override
    protected Driver openDriver() throws Exception {
        LinuxHost.needRoot();
        Path state = Files.createTempDirectory("zd-linux-contract");
        linux = LinuxDriver.open(new LinuxSettings("contract-linux", state, "zdc0", "10.95.0", null, null));
        linux.enableHostFeatures();
        return linux;
    }

    @Override
    protected UUID image() {
        return WorkloadImages.IDLE;
    }

    @Override
    protected void closeDriver() {
        linux.close();
        try {
            linux.removeNodeResources();
        } catch (Exception e) {
            throw new AssertionError("node resources left behind: " + e.getMessage(), e);
        }
    }

    @Test
    void with_bpftrace_a_busy_machine_gets_a_run_queue_histogram_in_its_samples() throws Exception {
        LinuxHost.needBpftrace();
        UUID uuid = UUID.randomUUID();
        var burner = new io.zonedeck.agent.api.CreatePayload(
                uuid,
                "joyent",
                "contract-burner",
                WorkloadImages.CPU_BURNER,
                256L,
                5L,
                50,
                100,
                null,
                null,
                null,
                null,
                null,
                null);
        driver.create(burner, (s, p) -> {});
        try {
            Optional<MachineSample> traced = Optional.empty();
            long deadline = System.currentTimeMillis() + 15_000;
            while (traced.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000);
                traced = driver.sample().machines().stream()
                        .filter(m -> m.uuid().equals(uuid)
                                && m.runqLatency() != null
                                && m.runqLatency().size() > 0)
                        .findFirst();
            }
            assertThat(driver.capabilities().distributions()).contains("runq_latency", "disk_latency");
            assertThat(traced)
                    .as("a run-queue histogram for the capped burner within 15 s")
                    .isPresent();
        } finally {
            driver.delete(uuid);
        }
    }

    @Test
    void with_keepalived_the_node_offers_vrrp() {
        LinuxHost.needKeepalived();
        assertThat(driver.capabilities().vrrp()).isTrue();
        assertThat(driver.vrrp()).isPresent();
    }
}
