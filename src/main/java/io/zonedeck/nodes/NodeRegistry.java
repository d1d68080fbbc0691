package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.nodes.internal.NodeEntity;
import io.zonedeck.nodes.internal.NodeRepository;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's registry of nodes and their agent clients. Internal API for the other features (placement,
 * jobs, reconciliation); operator-facing reads go through {@link NodeService}.
 */
@Service
public class NodeRegistry {
    private final NodeRepository nodes;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<UUID, AgentClient> clients = new ConcurrentHashMap<>();
    private final Map<UUID, NodeInfo> latestInfo = new ConcurrentHashMap<>();

    NodeRegistry(NodeRepository nodes, Clock clock, ApplicationEventPublisher events) {
        this.nodes = nodes;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Registers a node by URL and credential, or updates the URL/credential of a known one. The agent is
     * asked who it is first: a URL that does not answer with the given name and credential is refused.
     */
    @Transactional
    @Audited("node.register")
    public Node register(String name, String url, String credential) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw ZoneDeckException.invalid("name", "node name: letters, digits, . _ - (1-63)");
        }
        if (url == null || !url.matches("https?://[^\\s/]+(:\\d+)?/?")) {
            throw ZoneDeckException.invalid("url", "agent URL like http://host:9101");
        }
        if (credential == null || credential.isBlank()) {
            throw ZoneDeckException.invalid("credential", "the node's credential is required");
        }
        AgentClient client = new AgentClient(http, url, name, credential);
        NodeInfo info;
        try {
            info = client.node();
        } catch (AgentCallException e) {
            String field = e.agentStatus() == 401 ? "credential" : e.agentStatus() == 403 ? "name" : "url";
            String why = switch (field) {
                case "credential" -> "the agent refused this credential";
                case "name" -> "the agent is not node " + name;
                default -> "no agent answered at " + url + " (" + e.getMessage() + ")";
            };
            throw ZoneDeckException.invalid(field, why);
        }
        NodeEntity n = nodes.findByName(name).orElseGet(() -> {
            NodeEntity fresh = new NodeEntity();
            fresh.id = UUID.randomUUID();
            fresh.name = name;
            fresh.createdAt = clock.instant();
            return fresh;
        });
        n.url = url;
        n.credential = credential;
        n.state = NodeState.ONLINE.name();
        n.lastHeartbeat = clock.instant();
        applyInfo(n, info);
        nodes.save(n);
        clients.put(n.id, client);
        latestInfo.put(n.id, info);
        return toRecord(n);
    }

    @Transactional(readOnly = true)
    public List<Node> all() {
        return nodes.findAll().stream()
                .sorted(java.util.Comparator.comparing(n -> n.name))
                .map(NodeRegistry::toRecord)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<Node> find(UUID id) {
        return nodes.findById(id).map(NodeRegistry::toRecord);
    }

    /** The node's agent client; built from the stored URL and credential on first use. */
    @Transactional(readOnly = true)
    public AgentClient client(UUID nodeId) {
        return clients.computeIfAbsent(nodeId, id -> {
            NodeEntity n = nodes.findById(id).orElseThrow(() -> ZoneDeckException.notFound("node"));
            return new AgentClient(http, n.url, n.name, n.credential);
        });
    }

    /** What the node last said about itself (capacity and provisioned totals), if it answered since start. */
    public Optional<NodeInfo> latestInfo(UUID nodeId) {
        return Optional.ofNullable(latestInfo.get(nodeId));
    }

    /**
     * What the node's driver can do, from its latest answer (an agent older than protocol v1.3: everything of its
     * brands); empty when the node has not answered since the portal started. The other features (placement,
     * throttles, snapshots, charts) decide with it; callers treat "empty" as "everything" so a restarted portal
     * keeps working until the first heartbeat.
     */
    public Optional<NodeCapabilities> capabilities(UUID nodeId) {
        return nodeId == null ? Optional.empty() : latestInfo(nodeId).map(NodeInfo::effectiveCapabilities);
    }

    /** Keeps what the node said about itself without recording it (an instance that does not hold its lease). */
    public void observe(UUID nodeId, NodeInfo info) {
        latestInfo.put(nodeId, info);
    }

    /** Records a heartbeat answer. */
    @Transactional
    public void heartbeat(UUID nodeId, NodeInfo info) {
        nodes.findById(nodeId).ifPresent(n -> {
            NodeState before = NodeState.valueOf(n.state);
            n.lastHeartbeat = clock.instant();
            n.state = NodeState.ONLINE.name();
            applyInfo(n, info);
            latestInfo.put(nodeId, info);
            if (before != NodeState.ONLINE) {
                events.publishEvent(new NodeEvents.NodeStateChanged(nodeId, before, NodeState.ONLINE));
            }
        });
    }

    /** Marks the node unknown when it has been silent for longer than {@code silence}. */
    @Transactional
    public void checkSilence(UUID nodeId, Duration silence) {
        nodes.findById(nodeId).ifPresent(n -> {
            boolean silent = n.lastHeartbeat == null
                    || Duration.between(n.lastHeartbeat, clock.instant()).compareTo(silence) > 0;
            if (silent && NodeState.valueOf(n.state) == NodeState.ONLINE) {
                n.state = NodeState.UNKNOWN.name();
                events.publishEvent(new NodeEvents.NodeStateChanged(nodeId, NodeState.ONLINE, NodeState.UNKNOWN));
            }
        });
    }

    private static void applyInfo(NodeEntity n, NodeInfo info) {
        n.driver = info.driver();
        n.cpus = info.cpus();
        n.ramMiB = info.ramMiB();
        n.diskGiB = info.diskGiB();
    }

    private static Node toRecord(NodeEntity n) {
        return new Node(
                n.id,
                n.name,
                n.url,
                NodeState.valueOf(n.state),
                n.lastHeartbeat,
                n.driver,
                n.cpus,
                n.ramMiB,
                n.diskGiB);
    }
}
