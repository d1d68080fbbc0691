package io.zonedeck.api;

import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeHealthReport;
import io.zonedeck.nodes.NodeRegistration;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.NodeSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
            int machineCount,
            int faults,
            int unhealthyServices,
            CapabilitiesView capabilities,
            String fingerprint) {}

    /**
     * What the node's driver can do (protocol v1.3); null until the node answered since the portal started. {@code
     * images} null: any image of the catalogue.
     */
    record CapabilitiesView(
            List<String> brands,
            List<String> throttles,
            List<String> metrics,
            List<String> distributions,
            boolean vrrp,
            boolean snapshots,
            List<String> images) {
        static CapabilitiesView of(NodeCapabilities c) {
            return c == null
                    ? null
                    : new CapabilitiesView(
                            c.brands(),
                            sorted(c.throttles()),
                            sorted(c.metrics()),
                            sorted(c.distributions()),
                            c.vrrp(),
                            c.snapshots(),
                            c.images());
        }

        private static List<String> sorted(java.util.Set<String> s) {
            return s.stream().sorted().toList();
        }
    }

    /** SMF services (svcs) and FMA faults (fmadm faulty) of a node, as last polled. */
    record HealthView(
            UUID nodeId,
            boolean supported,
            Instant checkedAt,
            int faultCount,
            int unhealthyServices,
            List<SmfService> services,
            List<FmaFault> faults) {}

    /**
     * {@code fingerprint}: the SHA-256 of the agent's certificate as the agent printed it (optional: without it the
     * certificate presented is pinned and returned); {@code replace}: move a node already registered under this
     * name, granted only when the agent presents the certificate pinned for it.
     */
    record RegisterBody(String name, String url, String credential, String fingerprint, Boolean replace) {}

    @GetMapping("/api/v1/nodes")
    List<NodeView> list() {
        return nodes.list().stream().map(NodesController::view).toList();
    }

    @GetMapping("/api/v1/nodes/{id}")
    NodeView get(@PathVariable String id) {
        return view(nodes.get(Ids.parse(id, "node")));
    }

    @GetMapping("/api/v1/nodes/{id}/health")
    HealthView health(@PathVariable String id) {
        NodeHealthReport r = nodes.health(Ids.parse(id, "node"));
        return new HealthView(
                r.nodeId(),
                r.supported(),
                r.checkedAt(),
                r.flag().faults(),
                r.flag().unhealthyServices(),
                r.services(),
                r.faults());
    }

    @PostMapping("/api/v1/nodes")
    ResponseEntity<NodeView> register(@RequestBody(required = false) RegisterBody body) {
        if (body == null) {
            throw io.zonedeck.base.ZoneDeckException.invalid("name", "a JSON object with name, url and credential");
        }
        Node n = nodes.register(new NodeRegistration(
                body.name(), body.url(), body.credential(), body.fingerprint(), Boolean.TRUE.equals(body.replace())));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(nodes.get(n.id())));
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
                s.machineCount(),
                s.health().faults(),
                s.health().unhealthyServices(),
                CapabilitiesView.of(s.capabilities()),
                n.fingerprint() == null ? null : n.fingerprint().toString());
    }
}
