package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.ConsoleSession;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.SocketConsole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Consoles on SmartOS: a zone's login shell is {@code zlogin UUID}, its console {@code zlogin -C UUID} (both under a
 * pseudo-terminal of the runner's); a hardware VM's screen is the VNC server that {@code vmadm info UUID vnc} names
 * ({@code {"vnc": {"host", "port", "display"}}}), to which the agent connects and passes RFB through.
 */
final class SmartOsConsole {
    static final String ZLOGIN = "/usr/sbin/zlogin";
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmartOsConsole() {}

    /** The zlogin command line for a zone's shell or console; the escape is off so every byte reaches the zone. */
    static List<String> zlogin(ConsoleKind kind, UUID uuid) {
        return kind == ConsoleKind.SERIAL
                ? List.of(ZLOGIN, "-C", "-E", uuid.toString())
                : List.of(ZLOGIN, "-E", uuid.toString());
    }

    static ConsoleSession open(CommandRunner runner, VmadmParser.Vm vm, ConsoleKind kind, List<String> vmadm)
            throws DriverException {
        UUID uuid = vm.info().uuid();
        if (!ConsoleKind.of(vm.info().brand()).contains(kind)) {
            throw new DriverException(
                    DriverException.NOT_SUPPORTED, vm.info().brand() + " machines have no " + kind.wire() + " console");
        }
        if (vm.info().state() != MachineState.RUNNING) {
            throw new DriverException(
                    DriverException.INVALID_STATE,
                    "machine " + uuid + " is " + vm.info().state().wire());
        }
        if (kind != ConsoleKind.VNC) {
            return runner.attach(zlogin(kind, uuid));
        }
        CommandRunner.Result r = runner.run(vmadm, null, QUICK);
        if (!r.ok()) {
            throw VmadmParser.failure("vmadm info " + uuid + " vnc", r);
        }
        return SocketConsole.connect(parseVnc(uuid, r.stdout()));
    }

    /** The VNC endpoint in {@code vmadm info UUID vnc}'s answer. */
    static InetSocketAddress parseVnc(UUID uuid, String stdout) throws UnexpectedOutputException {
        JsonNode vnc;
        try {
            vnc = JSON.readTree(stdout).path("vnc");
        } catch (IOException e) {
            throw new UnexpectedOutputException("vmadm info " + uuid + " vnc", "not JSON", stdout);
        }
        String host = vnc.path("host").asText("");
        int port = vnc.path("port").asInt(0);
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new UnexpectedOutputException(
                    "vmadm info " + uuid + " vnc", "no VNC host and port (is the VM running with VNC on?)", stdout);
        }
        return new InetSocketAddress(host, port);
    }
}
