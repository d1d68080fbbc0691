package io.zonedeck.compute;

import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.JobRunner.JobFailure;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.compute.internal.NicEntity;
import io.zonedeck.compute.internal.NicRepository;
import io.zonedeck.compute.internal.SnapshotEntity;
import io.zonedeck.compute.internal.SnapshotRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.AgentClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of change jobs (resize, rename, tags, metadata, NICs, snapshots) against the node agent, and their
 * compensation. Every step is idempotent against the agent, so a resumed or retried job repeats it safely:
 * updates set absolute values, NICs are named by the MAC the portal chose, a snapshot that already exists or is
 * already gone counts as done.
 */
@Component
class ChangeSteps {
    private final MachineRepository machines;
    private final NicRepository nics;
    private final SnapshotRepository snapshots;
    private final NetworkService networks;
    private final CatalogService catalog;
    private final TransactionTemplate tx;
    private final Clock clock;

    ChangeSteps(
            MachineRepository machines,
            NicRepository nics,
            SnapshotRepository snapshots,
            NetworkService networks,
            CatalogService catalog,
            PlatformTransactionManager txManager,
            Clock clock) {
        this.machines = machines;
        this.nics = nics;
        this.snapshots = snapshots;
        this.networks = networks;
        this.catalog = catalog;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    void update(JobContext ctx, String action, JobParams params, MachineEntity m, AgentClient agent) {
        boolean hvm = MachineRules.isHvm(m.brand);
        switch (action) {
            case "resize" -> {
                ctx.step("updating resources on node", 30, "node reachable");
                UpdatePayload u = UpdatePayload.none()
                        .withResources(
                                m.ramMiB,
                                hvm ? m.ramMiB : null,
                                m.maxSwapMiB,
                                m.diskGiB,
                                m.cpuCap,
                                m.cpuShares,
                                m.zfsIoPriority,
                                m.maxLwps,
                                hvm ? Math.max(1, m.vcpus) : null);
                ctx.retrying(() -> agent.update(m.id, u));
                restartIfHvm(ctx, m, agent, "resources updated" + (hvm ? "" : " live"));
            }
            case "rename" -> {
                ctx.step("renaming on node", 40, "node reachable");
                JobParams.Rename rename = (JobParams.Rename) params;
                ctx.retrying(() -> agent.update(m.id, UpdatePayload.none().withAlias(rename.to())));
                ctx.step("done", 95, "renamed from " + rename.from() + " to " + rename.to());
            }
            case "update-tags" -> {
                Map<String, String> wanted = ((JobParams.Tags) params).tags();
                ctx.step("updating tags on node", 40, "node reachable");
                List<String> removed = MachineJson.strings(m.tags).keySet().stream()
                        .filter(k -> !wanted.containsKey(k))
                        .toList();
                ctx.retrying(() -> agent.update(m.id, UpdatePayload.none().withTags(wanted, removed)));
                ctx.step("done", 95, wanted.size() + " tag(s) set, " + removed.size() + " removed");
                tx.executeWithoutResult(s -> machines.findById(m.id).ifPresent(e -> {
                    e.tags = MachineJson.write(wanted);
                    e.updatedAt = clock.instant();
                }));
            }
            case "update-metadata" -> {
                Map<String, String> wanted = ((JobParams.Metadata) params).metadata();
                ctx.step("updating metadata on node", 40, "node reachable");
                List<String> removed = MachineJson.strings(m.customerMetadata).keySet().stream()
                        .filter(k -> !wanted.containsKey(k))
                        .toList();
                ctx.retrying(() -> agent.update(m.id, UpdatePayload.none().withCustomerMetadata(wanted, removed)));
                ctx.step("done", 95, wanted.size() + " metadata key(s) set, " + removed.size() + " removed");
                tx.executeWithoutResult(s -> machines.findById(m.id).ifPresent(e -> {
                    e.customerMetadata = MachineJson.write(wanted);
                    e.updatedAt = clock.instant();
                }));
            }
            case "add-nic" -> {
                NicEntity nic = nic(m.id, ((JobParams.Nic) params).mac());
                Network net = networks.findUnscoped(nic.networkId).orElseThrow(() -> new JobFailure("network is gone"));
                ctx.step("adding NIC " + nic.mac + " on node", 30, "address " + nic.ip + " reserved");
                ctx.retrying(() -> agent.update(
                        m.id,
                        UpdatePayload.none()
                                .withNics(List.of(MachinePayloads.nic(net, nic.ip, false, nic.mac)), null)));
                tx.executeWithoutResult(s -> nics.findById(nic.id).ifPresent(e -> e.state = "attached"));
                restartIfHvm(ctx, m, agent, "NIC added");
            }
            case "throttle" -> throttle(ctx, (JobParams.Throttle) params, m, agent);
            case "remove-nic" -> {
                NicEntity nic = nic(m.id, ((JobParams.Nic) params).mac());
                ctx.step("removing NIC " + nic.mac + " on node", 30, "node reachable");
                ctx.retrying(() -> agent.update(m.id, UpdatePayload.none().withNics(null, List.of(nic.mac))));
                tx.executeWithoutResult(s -> {
                    networks.releaseIp(nic.networkId, nic.ip);
                    nics.deleteById(nic.id);
                });
                restartIfHvm(ctx, m, agent, "NIC removed, address " + nic.ip + " released");
            }
            default -> throw new JobFailure("unknown action " + action);
        }
        ctx.changed(m);
    }

    void snapshot(JobContext ctx, String action, JobParams params, MachineEntity m, AgentClient agent) {
        String name = ((JobParams.Snapshot) params).name();
        switch (action) {
            case "snapshot" -> {
                ctx.step("taking snapshot " + name, 40, "node reachable");
                SnapshotInfo taken;
                try {
                    taken = ctx.retrying(() -> agent.createSnapshot(m.id, name));
                } catch (AgentCallException e) {
                    if (e.error() == null || !"Duplicate".equals(e.error().code())) {
                        throw e;
                    }
                    taken = agent.snapshots(m.id).stream()
                            .filter(x -> x.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> e); // taken by an earlier attempt of this job
                }
                SnapshotInfo done = taken;
                ctx.step("done", 95, "snapshot " + name + " taken");
                tx.executeWithoutResult(s -> {
                    if (snapshots.findByMachineIdAndName(m.id, name).isEmpty()) {
                        SnapshotEntity e = new SnapshotEntity();
                        e.id = UUID.randomUUID();
                        e.machineId = m.id;
                        e.name = name;
                        e.createdAt = done.createdTimestamp() == null ? clock.instant() : done.createdTimestamp();
                        snapshots.saveAndFlush(e);
                    }
                });
            }
            case "rollback" -> {
                ctx.step("rolling back to " + name + " (a running machine restarts)", 30, "node reachable");
                MachineInfo after = ctx.retrying(() -> agent.rollbackSnapshot(m.id, name));
                List<String> destroyed = new java.util.ArrayList<>();
                tx.executeWithoutResult(s -> snapshots
                        .findByMachineIdAndName(m.id, name)
                        .ifPresent(target -> {
                            for (SnapshotEntity x : snapshots.findByMachineIdOrderByCreatedAtAsc(m.id)) {
                                if (x.createdAt.isAfter(target.createdAt)) {
                                    snapshots.delete(x);
                                    destroyed.add(x.name);
                                }
                            }
                        }));
                ctx.step(
                        "done",
                        95,
                        "rolled back to " + name
                                + (destroyed.isEmpty() ? "" : "; destroyed " + String.join(", ", destroyed)));
                if (after != null && after.state() != null && after.state() != MachineState.FAILED) {
                    ctx.machineState(m, after.state().wire());
                }
            }
            case "delete-snapshot" -> {
                ctx.step("deleting snapshot " + name, 40, "node reachable");
                try {
                    ctx.retrying(() -> {
                        agent.deleteSnapshot(m.id, name);
                        return null;
                    });
                } catch (AgentCallException e) {
                    if (!e.notFound()) {
                        throw e;
                    }
                }
                tx.executeWithoutResult(
                        s -> snapshots.findByMachineIdAndName(m.id, name).ifPresent(snapshots::delete));
                ctx.step("done", 95, "snapshot " + name + " deleted");
            }
            default -> throw new JobFailure("unknown action " + action);
        }
        ctx.changed(m);
    }

    /** Gives back what a failed change reserved when it was accepted. */
    void compensate(String action, JobParams params, UUID machineId) {
        tx.executeWithoutResult(s -> machines.findById(machineId).ifPresent(m -> {
            switch (action) {
                case "resize" ->
                    catalog.packageById(((JobParams.Resize) params).from())
                            .ifPresent(p -> MachineResources.apply(p, m));
                case "rename" -> m.name = ((JobParams.Rename) params).from();
                case "add-nic" ->
                    nics.findByMachineIdAndMac(machineId, ((JobParams.Nic) params).mac())
                            .ifPresent(n -> {
                                networks.releaseIp(n.networkId, n.ip);
                                nics.delete(n);
                            });
                case "remove-nic" ->
                    nics.findByMachineIdAndMac(machineId, ((JobParams.Nic) params).mac())
                            .ifPresent(n -> n.state = "attached");
                case "throttle" -> ThrottleRules.restore((JobParams.Throttle) params, m);
                default -> {}
            }
        }));
    }

    /** Sends the new throttles in one vmadm update; every machine, HVMs included, takes them live. */
    private void throttle(JobContext ctx, JobParams.Throttle params, MachineEntity m, AgentClient agent) {
        Map<String, Long> from = params.from();
        Map<String, Long> to = params.to();
        ctx.step("updating throttles on node", 40, "node reachable");
        ctx.retrying(() -> agent.update(m.id, ThrottleRules.payload(to)));
        ctx.step("done", 95, "throttles applied live: " + ThrottleRules.describe(from, to));
    }

    private void restartIfHvm(JobContext ctx, MachineEntity m, AgentClient agent, String completed) {
        if (MachineRules.isHvm(m.brand)
                && agent.machine(m.id)
                        .map(i -> i.state() == MachineState.RUNNING)
                        .orElse(false)) { // zones apply changes live: no need to ask the node
            ctx.step("restarting to apply", 60, completed);
            ctx.restart(m, agent, 80);
        } else {
            ctx.step("done", 95, completed);
        }
    }

    private NicEntity nic(UUID machineId, String mac) {
        return tx.execute(s -> nics.findByMachineIdAndMac(machineId, mac)
                .orElseThrow(() -> new JobFailure("NIC " + mac + " is gone")));
    }
}
