package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.driver.ConsoleSession;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.linux.LinuxHost;
import io.zonedeck.support.RealVnc;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consoles on SmartOS against the fake node: zlogin command lines, {@code vmadm info UUID vnc} as its man page shows
 * it ({@code vmadm info ${vm} vnc | json vnc.display}), and RFB passed through from a VNC server — a stand-in, and a
 * real one (TigerVNC's Xvnc from Debian) where it is installed.
 */
class SmartOsConsoleTest {
    final UUID zone = UUID.randomUUID();
    final UUID vm = UUID.randomUUID();
    FakeSmartOs node;
    SmartOsDriver driver;

    @BeforeEach
    void open() throws Exception {
        node = new FakeSmartOs();
        driver = SmartOsDriver.open("cn-a01", node, SmartOsDriverTest.NOW, false);
        driver.create(SmartOsDriverTest.payload(zone, "joyent", 256L, 50), ProgressListener.NONE);
        driver.create(SmartOsDriverTest.payload(vm, "kvm", 256L, 50), ProgressListener.NONE);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static String vncInfo(int port) {
        return "{\n  \"vnc\": {\n    \"host\": \"127.0.0.1\",\n    \"port\": " + port + ",\n    \"display\": "
                + (port - 5900) + "\n  }\n}\n";
    }

    @Test
    void a_zones_shell_and_console_are_zlogin() throws Exception {
        try (ConsoleSession shell = driver.openConsole(zone, ConsoleKind.SHELL, 80, 24)) {
            assertThat(new String(shell.output().readNBytes(18), StandardCharsets.UTF_8))
                    .isEqualTo("[fake zone shell]\n");
        }
        driver.openConsole(zone, ConsoleKind.SERIAL, 80, 24).close();
        assertThat(node.calls("zlogin").stream().map(c -> c.argv()).toList())
                .containsExactly(
                        List.of("/usr/sbin/zlogin", "-E", zone.toString()),
                        List.of("/usr/sbin/zlogin", "-C", "-E", zone.toString()));
    }

    @Test
    void the_wrong_kind_or_a_stopped_machine_has_no_console() throws Exception {
        assertThatThrownBy(() -> driver.openConsole(vm, ConsoleKind.SHELL, 80, 24))
                .isInstanceOf(DriverException.class)
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo(DriverException.NOT_SUPPORTED);
        assertThatThrownBy(() -> driver.openConsole(zone, ConsoleKind.VNC, 80, 24))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo(DriverException.NOT_SUPPORTED);
        driver.stop(zone);
        assertThatThrownBy(() -> driver.openConsole(zone, ConsoleKind.SHELL, 80, 24))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo(DriverException.INVALID_STATE);
        assertThatThrownBy(() -> SmartOsConsole.parseVnc(vm, "{\"vnc\": {}}"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("no VNC host and port");
        assertThatThrownBy(() -> SmartOsConsole.parseVnc(vm, "vmadm: error"))
                .isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void a_hardware_vms_console_passes_rfb_through_from_the_vnc_server_vmadm_names() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            node.override("vmadm info " + vm + " vnc", new CommandRunner.Result(0, vncInfo(fake.getLocalPort()), ""));
            Thread server = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    s.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().write(s.getInputStream().readNBytes(12));
                } catch (IOException e) {
                    // the test fails on what it reads
                }
            });
            server.start();
            try (ConsoleSession c = driver.openConsole(vm, ConsoleKind.VNC, 80, 24)) {
                assertThat(new String(c.output().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("RFB 003.008\n");
                c.input().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                c.input().flush();
                assertThat(new String(c.output().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("RFB 003.008\n");
            }
            server.join(2000);
        }
        assertThat(node.calls("vmadm info")).hasSize(1);
    }

    /** TigerVNC's X server standing in for a VM: the framebuffer it announces reaches the viewer unchanged. */
    @Test
    void a_real_vnc_server_behind_a_vm_answers_through_the_console() throws Exception {
        LinuxHost.need(RealVnc.installed(), "Xtigervnc (tigervnc-standalone-server)");
        int port = RealVnc.freePort();
        Process x = RealVnc.start(port, "640x400", "zonedeck-test-vm");
        try {
            node.override("vmadm info " + vm + " vnc", new CommandRunner.Result(0, vncInfo(port), ""));
            try (ConsoleSession c = driver.openConsole(vm, ConsoleKind.VNC, 80, 24)) {
                DataInputStream in = new DataInputStream(c.output());
                DataOutputStream out = new DataOutputStream(c.input());
                String version = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(version).startsWith("RFB 003.");
                out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                int types = in.readUnsignedByte();
                byte[] offered = in.readNBytes(types);
                assertThat(offered).contains((byte) 1);
                out.writeByte(1);
                assertThat(in.readInt()).as("security result").isZero();
                out.writeByte(1);
                int width = in.readUnsignedShort();
                int height = in.readUnsignedShort();
                in.readNBytes(16);
                String name = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                System.out.printf("[measured] Xtigervnc through the console: %dx%d \"%s\"%n", width, height, name);
                assertThat(width).isEqualTo(640);
                assertThat(height).isEqualTo(400);
            }
        } finally {
            x.destroyForcibly();
        }
    }
}
