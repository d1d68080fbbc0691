package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.console.ConsoleService;
import io.zonedeck.console.ConsoleTicket;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console tickets for scripts: the answer names the WebSocket to attach to with the same token, within the ticket's
 * lifetime, once. Binary messages are the console's bytes; a text message {@code {"type":"resize","cols":C,
 * "rows":R}} resizes a terminal; the socket's close reason says why it ended.
 */
@RestController
@RequestMapping("/api/v1/machines")
@Tag(name = "consoles", description = "Terminal and VNC consoles of machines")
class ConsoleController {
    private final ConsoleService consoles;

    ConsoleController(ConsoleService consoles) {
        this.consoles = consoles;
    }

    /** {@code kind}: shell or serial for zones, vnc for hardware VMs; a terminal's first size (default 80×24). */
    record ConsoleBody(String kind, Integer cols, Integer rows) {}

    /** A ticket and where to use it. */
    record TicketAnswer(UUID machine, String kind, String ticket, String url, Instant expiresAt, boolean simulated) {}

    @PostMapping("/{id}/console")
    @Operation(
            summary = "Open a console: a one-shot ticket and the WebSocket URL to attach to (with the same token)",
            description = "kind is shell or serial (zones) or vnc (kvm, bhyve); 409 when the machine is not running,"
                    + " its node is not answering or it has as many consoles open as allowed")
    ResponseEntity<TicketAnswer> open(@PathVariable String id, @RequestBody(required = false) ConsoleBody body) {
        UUID machine = Ids.parse(id, "machine");
        ConsoleKind kind = null;
        if (body != null && body.kind() != null) {
            kind = ConsoleKind.parse(body.kind())
                    .orElseThrow(() -> ZoneDeckException.invalid("kind", "Use shell, serial or vnc"));
        }
        ConsoleTicket t = consoles.requestTicket(
                machine,
                new ConsoleService.Request(kind, body == null ? null : body.cols(), body == null ? null : body.rows()),
                null);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        String ws = base.replaceFirst("^http", "ws") + "/" + t.path();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new TicketAnswer(t.id(), t.kind().wire(), t.ticket(), ws, t.expiresAt(), t.simulated()));
    }
}
