package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinuxSettingsTest {
    @Test
    void defaults_keep_state_under_var_lib_and_use_zdbr0() {
        LinuxSettings s = LinuxSettings.defaults("node-1");
        assertThat(s.stateDir()).isEqualTo(Path.of("/var/lib/zonedeck/agent/node-1"));
        assertThat(s.bridge()).isEqualTo("zdbr0");
        assertThat(s.ipBase()).isEqualTo("10.89.0");
        assertThat(s.periodUs()).isEqualTo(100_000);
    }

    @Test
    void names_that_would_escape_a_cgroup_path_or_an_interface_name_are_refused() {
        assertThatThrownBy(() -> LinuxSettings.defaults("../etc")).hasMessageContaining("node id");
        assertThatThrownBy(() -> new LinuxSettings("n", null, "a-bridge-name-too-long", null, null, null))
                .hasMessageContaining("bridge");
        assertThatThrownBy(() -> new LinuxSettings("n", null, null, "10.300.0", null, null))
                .hasMessageContaining("ipBase");
        assertThatThrownBy(() -> new LinuxSettings("n", null, null, null, Duration.ofSeconds(2), null))
                .hasMessageContaining("cfsPeriod");
    }

    @Test
    void a_relative_state_dir_is_made_absolute_for_the_machines_init_scripts() {
        LinuxSettings s = new LinuxSettings("node-1", Path.of("data/linux-node"), null, null, null, null);
        assertThat(s.stateDir().isAbsolute()).isTrue();
        assertThat(s.stateDir().toString()).endsWith("/data/linux-node");
    }
}
