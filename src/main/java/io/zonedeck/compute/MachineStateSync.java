package io.zonedeck.compute;

import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeEvents;
import io.zonedeck.nodes.NodeLeases;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the database's view of runtime state in line with the nodes, per the source-of-truth rules: state
 * events from a node's stream are applied as they arrive; every 30 s (and when a node comes back) a
 * reconciler compares the node's machine list with the database: the node's runtime state wins, machines
 * missing on their node are marked missing, machines the database does not know are reported as unmanaged
 * and never touched. Machines of a node that went silent become unknown; nothing destructive happens.
 */
@Component
class MachineStateSync {
    private static final Logger log = LoggerFactory.getLogger(MachineStateSync.class);
    private static final Set<String> JOB_OWNED = Set.of("provisioning", "deleting");

    private final MachineRepository machines;
    private final JobRepository jobs;
    private final NodeRegistry nodes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final NodeLeases leases;
    private final Clock clock;
    private final Map<UUID, Set<UUID>> unmanaged = new java.util.concurrent.ConcurrentHashMap<>();

    MachineStateSync(
            MachineRepository machines,
            JobRepository jobs,
            NodeRegistry nodes,
            ApplicationEventPublisher events,
            PlatformTransactionManager txManager,
            Clock clock,
            NodeLeases leases) {
        this.leases = leases;
        this.machines = machines;
        this.jobs = jobs;
        this.nodes = nodes;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    @EventListener
    void onMachineEvent(NodeEvents.MachineEventReceived e) {
        if (e.event().uuid() == null
                || e.event().state() == null
                || e.event().state() == MachineState.DESTROYED
                || !leases.holds(e.nodeId())) {
            return; // another instance holds the node: it records the node's machine states
        }
        apply(e.nodeId(), e.event().uuid(), e.event().state().wire());
    }

    @EventListener
    void onNodeState(NodeEvents.NodeStateChanged e) {
        if (e.to() == NodeState.UNKNOWN) {
            tx.executeWithoutResult(s -> machines.updateStateOnNode(e.nodeId(), "unknown", clock.instant()));
            events.publishEvent(new MachineChanged(null, null, "unknown"));
        } else {
            reconcile(e.nodeId());
        }
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 10_000)
    void reconcileAll() {
        for (Node n : nodes.all()) {
            if (n.state() == NodeState.ONLINE && leases.holds(n.id())) {
                reconcile(n.id());
            }
        }
    }

    /** Compares one node's machines with the database. */
    void reconcile(UUID nodeId) {
        List<MachineInfo> onNode;
        try {
            onNode = nodes.client(nodeId).machines();
        } catch (AgentCallException e) {
            log.debug("reconcile of node {} skipped: {}", nodeId, e.getMessage());
            return;
        }
        Map<UUID, MachineInfo> byId =
                onNode.stream().collect(Collectors.toMap(MachineInfo::uuid, Function.identity(), (a, b) -> a));
        List<MachineEntity> known = tx.execute(s -> machines.findByNodeId(nodeId));
        for (MachineEntity m : known) {
            MachineInfo info = byId.remove(m.id);
            if (info != null) {
                apply(nodeId, m.id, info.state().wire());
            } else if (!JOB_OWNED.contains(m.state) && !"failed".equals(m.state)) {
                boolean busy =
                        tx.execute(s -> jobs.findFirstByMachineIdAndStateIn(m.id, MachineService.ACTIVE_JOB_STATES)
                                .isPresent());
                if (!busy) {
                    setState(m.id, m.tenantId, "missing");
                }
            }
        }
        removeAbandonedCreates(nodeId, byId.keySet());
        Set<UUID> foreign = byId.keySet();
        if (!foreign.isEmpty() && !foreign.equals(unmanaged.get(nodeId))) {
            log.warn("node {} runs {} machine(s) ZoneDeck does not manage: {}", nodeId, foreign.size(), foreign);
        }
        unmanaged.put(nodeId, Set.copyOf(foreign));
    }

    /**
     * A create the portal gave up on (timed out, compensated: failed, no node) may still finish on its node
     * later; such a machine is the portal's own and is removed, so it neither runs unbilled nor holds capacity.
     */
    private void removeAbandonedCreates(UUID nodeId, Set<UUID> seen) {
        for (UUID id : List.copyOf(seen)) {
            boolean abandoned = Boolean.TRUE.equals(tx.execute(s -> machines.findById(id)
                    .map(m -> m.nodeId == null && "failed".equals(m.state))
                    .orElse(false)));
            if (abandoned) {
                seen.remove(id);
                try {
                    nodes.client(nodeId).delete(id);
                    log.info("removed machine {} from node {}: its create had failed and was compensated", id, nodeId);
                } catch (AgentCallException e) {
                    log.info("abandoned machine {} on node {} not removed yet: {}", id, nodeId, e.getMessage());
                }
            }
        }
    }

    /** Machines seen on a node that the database does not know (never deleted automatically). */
    Map<UUID, Set<UUID>> unmanaged() {
        return Map.copyOf(unmanaged);
    }

    private void apply(UUID nodeId, UUID machineId, String runtimeState) {
        MachineEntity m = tx.execute(s -> machines.findById(machineId).orElse(null));
        if (m == null || !nodeId.equals(m.nodeId) || JOB_OWNED.contains(m.state) || runtimeState.equals(m.state)) {
            return;
        }
        if ("provisioning".equals(runtimeState)) {
            return;
        }
        setState(m.id, m.tenantId, runtimeState);
    }

    private void setState(UUID id, UUID tenant, String state) {
        tx.executeWithoutResult(s -> machines.updateState(id, state, null, clock.instant()));
        events.publishEvent(new MachineChanged(id, tenant, state));
    }
}
