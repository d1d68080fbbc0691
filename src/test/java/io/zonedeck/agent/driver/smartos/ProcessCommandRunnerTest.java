package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.driver.DriverException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The real runner, with ordinary POSIX commands standing in for vmadm and dtrace. */
class ProcessCommandRunnerTest {
    final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void stdin_reaches_the_command_and_stdout_stderr_and_exit_code_come_back() throws Exception {
        CommandRunner.Result r = runner.run(
                List.of("/bin/sh", "-c", "cat; echo oops >&2; exit 3"), "{\"uuid\":\"x\"}", Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("{\"uuid\":\"x\"}");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void a_command_filling_stderr_before_stdout_does_not_deadlock() throws Exception {
        CommandRunner.Result r = runner.run(
                List.of(
                        "/bin/sh",
                        "-c",
                        "head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o"),
                null,
                Duration.ofSeconds(20));
        assertThat(r.stderr()).hasSize(300000);
        assertThat(r.stdout()).hasSize(300000);
    }

    @Test
    void a_command_that_outlives_its_timeout_is_killed_and_reported() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> runner.run(List.of("/bin/sleep", "30"), null, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.code()).isEqualTo(DriverException.OPERATION_FAILED);
                    assertThat(e.getMessage()).contains("/bin/sleep 30").contains("killed");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_missing_command_is_an_operation_failure_naming_it() {
        assertThatThrownBy(() ->
                        runner.run(List.of("/usr/sbin/vmadm-not-here", "list", "-j"), null, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.code()).isEqualTo(DriverException.OPERATION_FAILED);
                    assertThat(e.getMessage()).contains("cannot run /usr/sbin/vmadm-not-here list -j");
                });
    }

    @Test
    void a_spawned_command_hands_over_its_lines_and_stops_on_close() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CommandRunner.Running running =
                runner.spawn(List.of("/bin/sh", "-c", "echo '--- 1'; echo '@end'; exec sleep 30"), lines::add);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines).containsExactly("--- 1", "@end");
        assertThat(running.alive()).isTrue();
        running.close();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (running.alive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running.alive()).isFalse();
    }
}
