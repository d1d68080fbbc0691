package io.zonedeck.nodes;

import io.zonedeck.agent.api.Fingerprint;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.nodes.internal.CredentialCipher;
import io.zonedeck.nodes.internal.NodeEntity;
import io.zonedeck.nodes.internal.NodeRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's registry of nodes and their agent clients. Internal API for the other features (placement,
 * jobs, reconciliation); operator-facing reads go through {@link NodeService}.
 */
@Service
public class NodeRegistry {
    static final int MAX_CREDENTIAL = 256;
    private final NodeRepository nodes;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AgentConnector connector;
    private final CredentialCipher cipher;
    private final Map<UUID, AgentClient> clients = new ConcurrentHashMap<>();
    private final Map<UUID, NodeInfo> latestInfo = new ConcurrentHashMap<>();

    NodeRegistry(
            NodeRepository nodes,
            Clock clock,
            ApplicationEventPublisher events,
            AgentConnector connector,
            CredentialCipher cipher) {
        this.nodes = nodes;
        this.clock = clock;
        this.events = events;
        this.connector = connector;
        this.cipher = cipher;
    }

    /** Registers a new node (trust on first use over HTTPS); refuses a name that is taken. */
    @Transactional
    @Audited("node.register")
    public Node register(String name, String url, String credential) {
        return register(NodeRegistration.of(name, url, credential));
    }

    /**
     * Registers a node by URL and credential, or moves a known one when asked to replace it. Nothing is connected
     * to before the input, the name and the URL's every address have passed their checks; then the agent is asked
     * who it is. Over HTTPS the portal pins the certificate it presents (the one expected, when given); a known
     * node only moves to an agent that presents the certificate pinned for it. Refusals say which field and never
     * repeat what the remote answered.
     */
    @Transactional
    @Audited("node.register")
    public Node register(NodeRegistration r) {
        String name = r.name();
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw ZoneDeckException.invalid("name", "node name: letters, digits, . _ - (1-63)");
        }
        String credential = r.credential();
        if (credential == null || credential.isBlank()) {
            throw ZoneDeckException.invalid("credential", "the node's credential is required");
        }
        if (credential.length() > MAX_CREDENTIAL || !credential.matches("[\\x21-\\x7e]+")) {
            throw ZoneDeckException.invalid(
                    "credential",
                    "the node's credential: up to " + MAX_CREDENTIAL + " printable characters, no blanks");
        }
        Fingerprint expected = null;
        if (r.fingerprint() != null && !r.fingerprint().isBlank()) {
            expected = Fingerprint.parse(r.fingerprint())
                    .orElseThrow(() -> ZoneDeckException.invalid(
                            "fingerprint", "a SHA-256 fingerprint: 64 hex digits, with or without colons"));
        }
        AgentUrl.parse(r.url());
        Optional<NodeEntity> existing = nodes.findByName(name);
        if (existing.isPresent() && !r.replace()) {
            throw taken(name);
        }
        Fingerprint pinned =
                existing.map(n -> n.tlsFingerprint).map(Fingerprint::new).orElse(null);
        AgentConnector.Endpoint endpoint = connector.check(r.url());
        if (pinned != null) {
            if (!endpoint.url().tls()) {
                throw noProof(name, "its agent has a pinned certificate, so it can only move to an https:// URL");
            }
            if (expected != null && !expected.equals(pinned)) {
                throw noProof(name, "the expected fingerprint is not the one pinned for it (" + pinned + ")");
            }
            expected = pinned;
        }
        AgentConnector.Probe probe = connector.identify(endpoint, name, credential, expected);
        if (probe instanceof AgentConnector.Probe.Unreachable) {
            throw AgentConnector.unreachable();
        }
        if (probe instanceof AgentConnector.Probe.WrongCertificate w) {
            if (pinned != null) {
                throw noProof(
                        name,
                        "the agent at this URL presents certificate " + w.presented() + ", not the pinned "
                                + w.expected());
            }
            String msg = "the agent presents certificate " + w.presented() + ", not " + w.expected();
            throw new ZoneDeckException(
                    "WrongCertificate",
                    400,
                    "the agent's certificate does not match the expected fingerprint",
                    List.of(new ZoneDeckException.FieldProblem("fingerprint", "WrongCertificate", msg)));
        }
        if (!(probe instanceof AgentConnector.Probe.Identified identified)) {
            throw AgentConnector.notAnAgent();
        }
        NodeInfo info = identified.info();
        Fingerprint fingerprint = identified.fingerprint();
        NodeEntity n = existing.orElseGet(() -> {
            NodeEntity fresh = new NodeEntity();
            fresh.id = UUID.randomUUID();
            fresh.name = name;
            fresh.createdAt = clock.instant();
            return fresh;
        });
        n.url = endpoint.url().text();
        n.credential = cipher.encrypt(n.id, credential);
        n.tlsFingerprint = fingerprint == null ? null : fingerprint.hex();
        n.state = NodeState.ONLINE.name();
        n.lastHeartbeat = clock.instant();
        applyInfo(n, info);
        try {
            nodes.saveAndFlush(n);
        } catch (DataIntegrityViolationException e) {
            throw taken(name);
        }
        clients.put(n.id, newClient(n.id, n.url, n.name, credential, fingerprint));
        latestInfo.put(n.id, info);
        return toRecord(n);
    }

    /**
     * The fingerprint of the certificate the agent at {@code url} presents, without sending any credential: what the
     * register dialog shows the operator to compare with the agent's own output.
     */
    public Fingerprint peekFingerprint(String url) {
        return connector.peek(url);
    }

    private static ZoneDeckException taken(String name) {
        String msg = "a node named " + name + " is already registered; to move it to another URL or credential,"
                + " ask to replace it";
        return new ZoneDeckException(
                "Duplicate", 409, msg, List.of(new ZoneDeckException.FieldProblem("name", "Duplicate", msg)));
    }

    private static ZoneDeckException noProof(String name, String why) {
        String msg = "the agent does not prove it is node " + name + ": " + why;
        return new ZoneDeckException(
                "IdentityNotProven",
                409,
                msg,
                List.of(new ZoneDeckException.FieldProblem("url", "IdentityNotProven", msg)));
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

    /**
     * The node's agent client; built on first use from the stored URL, the decrypted credential and the pinned
     * certificate, after the URL's addresses pass the policy again (a name that now resolves elsewhere).
     */
    @Transactional(readOnly = true)
    public AgentClient client(UUID nodeId) {
        return clients.computeIfAbsent(nodeId, id -> {
            NodeEntity n = nodes.findById(id).orElseThrow(() -> ZoneDeckException.notFound("node"));
            try {
                connector.check(n.url);
            } catch (ZoneDeckException e) {
                throw new AgentCallException(0, null, "node " + n.name + " not called: " + e.getMessage(), e);
            }
            return newClient(
                    n.id,
                    n.url,
                    n.name,
                    cipher.decrypt(n.id, n.credential),
                    n.tlsFingerprint == null ? null : new Fingerprint(n.tlsFingerprint));
        });
    }

    private AgentClient newClient(UUID id, String url, String name, String credential, Fingerprint pin) {
        AgentUrl u = AgentUrl.parse(url);
        return new AgentClient(
                connector.clientFor(u, pin), url, name, credential, port -> connector.dialConsole(u, pin, port));
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
                n.diskGiB,
                n.tlsFingerprint == null ? null : new Fingerprint(n.tlsFingerprint));
    }
}
