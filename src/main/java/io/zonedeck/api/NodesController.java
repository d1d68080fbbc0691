package io.zonedeck.api;

import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.NodeSummary;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operator only (enforced by method security in {@link NodeService}). */
@RestController
class NodesController {
    private final NodeService nodes;

    NodesController(NodeService nodes) {
        this.nodes = nodes;
    }

    record NodeView(
            UUID id,
            String name,
            String url,
            String state,
            String driver,
            int cpus,
            long ramMiB,
            long diskGiB,
            long provisionedRamMiB,
            long provisionedDiskGiB,
            int machineCount) {}

    record RegisterBody(String name, String url, String credential) {}

    @GetMapping("/api/v1/nodes")
    List<NodeView> list() {
        return nodes.list().stream().map(NodesController::view).toList();
    }

    @PostMapping("/api/v1/nodes")
    ResponseEntity<NodeView> register(@RequestBody RegisterBody body) {
        Node n = nodes.register(body.name(), body.url(), body.credential());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(new NodeSummary(n, 0, 0, 0)));
    }

    private static NodeView view(NodeSummary s) {
        Node n = s.node();
        return new NodeView(
                n.id(),
                n.name(),
                n.url(),
                n.state().label(),
                n.driver(),
                n.cpus(),
                n.ramMiB(),
                n.diskGiB(),
                s.provisionedRamMiB(),
                s.provisionedDiskGiB(),
                s.machineCount());
    }
}
