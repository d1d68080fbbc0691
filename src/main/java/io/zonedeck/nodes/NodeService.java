package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Operator-facing node administration; every method requires the OPERATOR role. */
@Service
public class NodeService {
    private final NodeRegistry registry;
    private final StreamIngest ingest;
    private final NodeHealthCache health;

    NodeService(NodeRegistry registry, StreamIngest ingest, NodeHealthCache health) {
        this.registry = registry;
        this.ingest = ingest;
        this.health = health;
    }

    @RolesAllowed(Roles.OPERATOR)
    public List<NodeSummary> list() {
        return registry.all().stream().map(this::summary).toList();
    }

    /** One node with its capacity, what is provisioned on it and its health flag. */
    @RolesAllowed(Roles.OPERATOR)
    public NodeSummary get(UUID id) {
        return summary(node(id));
    }

    private NodeSummary summary(Node n) {
        HealthFlag flag = health.flag(n.id());
        return registry.latestInfo(n.id())
                .map(i -> new NodeSummary(
                        n,
                        i.provisionedRamMiB(),
                        i.provisionedDiskGiB(),
                        i.machineCount(),
                        flag,
                        i.effectiveCapabilities()))
                .orElse(new NodeSummary(n, 0, 0, 0, flag));
    }

    /**
     * What the node's driver can do (brands, throttles enforced, metrics measured, VRRP, snapshots, images), as it
     * last advertised; empty when it has not answered since the portal started. The other features use {@link
     * NodeRegistry#capabilities(UUID)}, which is not scoped to operators.
     */
    @RolesAllowed(Roles.OPERATOR)
    public Optional<NodeCapabilities> capabilities(UUID nodeId) {
        node(nodeId);
        return registry.capabilities(nodeId);
    }

    /**
     * The node's SMF services and FMA faults as last polled (every 5 s), or asked now when the portal has no answer
     * yet. A node that never answered gets an unsupported report without a time.
     */
    @RolesAllowed(Roles.OPERATOR)
    public NodeHealthReport health(UUID nodeId) {
        node(nodeId);
        return health.latest(nodeId).orElseGet(() -> {
            try {
                return health.refresh(nodeId);
            } catch (AgentCallException e) {
                return NodeHealthReport.unknown(nodeId);
            }
        });
    }

    /** The node's health flag for badges (no flag for an unknown node or one not polled yet). */
    @RolesAllowed(Roles.OPERATOR)
    public HealthFlag healthFlag(UUID nodeId) {
        return nodeId == null ? HealthFlag.NONE : health.flag(nodeId);
    }

    /** Demo (sim nodes): puts a service into a state or diagnoses an FMA fault on the node. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("node.inject-health")
    public NodeHealthReport injectHealth(UUID nodeId, SimHealthRequest request) {
        AgentClient client = simClient(nodeId);
        try {
            return health.put(nodeId, client.injectHealth(request));
        } catch (AgentCallException e) {
            throw fieldErrors(e);
        }
    }

    /** Demo (sim nodes): every service healthy again and no faults. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("node.clear-health")
    public NodeHealthReport clearHealth(UUID nodeId) {
        return health.put(nodeId, simClient(nodeId).clearHealth());
    }

    /** Registers a remote agent by URL and credential and starts following its stream. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("node.register")
    public Node register(String name, String url, String credential) {
        return register(NodeRegistration.of(name, url, credential));
    }

    /**
     * Registers a remote agent (or moves a known node, when asked to replace it and the agent proves it is that
     * node) and starts following its stream.
     */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("node.register")
    public Node register(NodeRegistration registration) {
        Node node = registry.register(registration);
        ingest.follow(node.id());
        return node;
    }

    /**
     * The fingerprint of the certificate the agent at {@code url} presents (no credential is sent), for the
     * operator to compare with the fingerprint the agent printed at start before registering it.
     */
    @RolesAllowed(Roles.OPERATOR)
    public io.zonedeck.agent.api.Fingerprint peekFingerprint(String url) {
        return registry.peekFingerprint(url);
    }

    private Node node(UUID id) {
        return registry.find(id).orElseThrow(() -> ZoneDeckException.notFound("node " + id));
    }

    private AgentClient simClient(UUID nodeId) {
        Node n = node(nodeId);
        if (!"sim".equals(n.driver())) {
            throw ZoneDeckException.conflict("NotSupported", "node " + n.name() + " is not a sim node");
        }
        return registry.client(nodeId);
    }

    /** The agent's 422 as the portal's field-level refusal; other failures as they are. */
    private static ZoneDeckException fieldErrors(AgentCallException e) {
        if (e.agentStatus() != 422
                || e.error() == null
                || e.error().errors() == null
                || e.error().errors().isEmpty()) {
            return e;
        }
        List<ZoneDeckException.FieldProblem> problems = e.error().errors().stream()
                .map(f -> new ZoneDeckException.FieldProblem(f.field(), f.code(), f.message()))
                .toList();
        return new ZoneDeckException(
                e.error().code(), 422, "Invalid request: " + problems.get(0).message(), problems);
    }
}
