package io.zonedeck.compute;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.base.ClusterLock;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Capacity-aware spread placement over online nodes whose capabilities run the brand and the image, with
 * affinity rules. Capacity comes
 * from the database's desired configuration (every machine assigned to a node counts, including ones still
 * provisioning), so two concurrent creates cannot both take the last slot: callers run in {@link #locked}.
 * CPU is overcommitted as SmartOS clouds do: the sum of cpu_caps may reach {@value #CPU_OVERCOMMIT} × the
 * node's CPUs × 100 %.
 */
@Component
class Placement {
    static final double CPU_OVERCOMMIT = 4.0;
    private final NodeRegistry nodes;
    private final MachineRepository machines;
    private final ClusterLock lock;
    private final TransactionTemplate tx;

    Placement(NodeRegistry nodes, MachineRepository machines, ClusterLock lock, PlatformTransactionManager txManager) {
        this.nodes = nodes;
        this.machines = machines;
        this.lock = lock;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * Runs {@code work} in a transaction that first takes the placement lock (across every portal instance), so
     * that what it reads of nodes, quotas and address pools stays true until it commits what it takes.
     */
    <T> T locked(Supplier<T> work) {
        return tx.execute(s -> {
            lock.hold(ClusterLock.PLACEMENT);
            return work.get();
        });
    }

    record Candidate(Node node, long freeRamMiB, long freeDiskGiB, double ramUsedFraction) {}

    UUID choose(MachinePackage pkg, String brand) {
        return choose(pkg, brand, null, List.of(), List.of());
    }

    UUID choose(MachinePackage pkg, String brand, List<Affinity> rules, List<Affinity.Peer> peers) {
        return choose(pkg, brand, null, rules, peers);
    }

    UUID choose(MachinePackage pkg, String brand, Image image) {
        return choose(pkg, brand, image, List.of(), List.of());
    }

    /**
     * Chooses the least-loaded node with room that satisfies every hard rule, among the online nodes whose
     * capabilities run the brand and the image, preferring nodes that name the image (a linux node's workload
     * image) over nodes that run any image, then nodes that satisfy more soft rules; when none fits, says which
     * constraint failed. A node that has not answered since the portal started counts as able to run everything.
     *
     * @param image null: any image (callers that only size)
     */
    UUID choose(MachinePackage pkg, String brand, Image image, List<Affinity> rules, List<Affinity.Peer> peers) {
        List<Node> online =
                nodes.all().stream().filter(n -> n.state() == NodeState.ONLINE).toList();
        if (online.isEmpty()) {
            throw insufficient("package", "no compute node is online");
        }
        Map<UUID, NodeCapabilities> caps = new java.util.HashMap<>();
        online.forEach(n -> nodes.capabilities(n.id()).ifPresent(c -> caps.put(n.id(), c)));
        List<Node> runBrand = online.stream()
                .filter(n -> !caps.containsKey(n.id()) || caps.get(n.id()).runsBrand(brand))
                .toList();
        if (runBrand.isEmpty()) {
            throw insufficient("brand", "no online node runs brand " + brand);
        }
        String imageId = image == null ? null : image.id().toString();
        List<Node> capable = imageId == null
                ? runBrand
                : runBrand.stream()
                        .filter(n ->
                                !caps.containsKey(n.id()) || caps.get(n.id()).runsImage(imageId))
                        .toList();
        if (capable.isEmpty()) {
            boolean anyRunsImage = online.stream()
                    .anyMatch(n -> !caps.containsKey(n.id()) || caps.get(n.id()).runsImage(imageId));
            throw insufficient(
                    "image",
                    anyRunsImage
                            ? "no online node runs image " + image.label() + " as brand " + brand
                            : "no online node runs image " + image.label());
        }
        List<Candidate> candidates = new ArrayList<>();
        long bestRam = 0;
        long bestDisk = 0;
        long bestCpu = 0;
        Map<UUID, long[]> used = new java.util.HashMap<>();
        for (Object[] row : machines.usageByNode()) {
            used.put((UUID) row[0], new long[] {
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue()
            });
        }
        for (Node n : capable) {
            long[] u = used.getOrDefault(n.id(), new long[3]);
            long freeRam = n.ramMiB() - u[0];
            long freeDisk = n.diskGiB() - u[1];
            long freeCpu = cpuBudget(n) - u[2];
            bestRam = Math.max(bestRam, freeRam);
            bestDisk = Math.max(bestDisk, freeDisk);
            bestCpu = Math.max(bestCpu, freeCpu);
            if (freeRam >= pkg.ramMiB() && freeDisk >= pkg.diskGiB() && freeCpu >= pkg.cpuCap()) {
                candidates.add(new Candidate(n, freeRam, freeDisk, 1.0 - (double) freeRam / Math.max(1, n.ramMiB())));
            }
        }
        if (candidates.isEmpty()) {
            if (bestRam < pkg.ramMiB()) {
                throw insufficient(
                        "package",
                        "not enough memory: package " + pkg.name() + " needs " + pkg.ramMiB()
                                + " MiB, the most free on any node is " + bestRam + " MiB");
            }
            if (bestDisk < pkg.diskGiB()) {
                throw insufficient(
                        "package",
                        "not enough disk: package " + pkg.name() + " needs " + pkg.diskGiB()
                                + " GiB, the most free on any node is " + bestDisk + " GiB");
            }
            throw insufficient(
                    "package",
                    "not enough CPU: package " + pkg.name() + " is capped at " + pkg.cpuCap()
                            + " %, the most left on any node is " + bestCpu + " %");
        }
        Map<UUID, List<Affinity.Peer>> peersByNode =
                peers.stream().filter(p -> p.nodeId() != null).collect(Collectors.groupingBy(Affinity.Peer::nodeId));
        for (Affinity rule : rules) {
            if (rule.soft()) {
                continue;
            }
            if (rule.together() && peers.stream().noneMatch(rule::matches)) {
                throw insufficient("affinity", "rule " + rule + ": no machine of yours matches it");
            }
            String before = candidates.stream().map(c -> c.node().name()).collect(Collectors.joining(", "));
            candidates.removeIf(
                    c -> !satisfies(rule, peersByNode.getOrDefault(c.node().id(), List.of())));
            if (candidates.isEmpty()) {
                throw insufficient("affinity", "rule " + rule + " excludes every node with room (" + before + ")");
            }
        }
        return candidates.stream()
                .min(Comparator.comparingInt(
                                (Candidate c) -> names(caps.get(c.node().id()), imageId) ? 0 : 1)
                        .thenComparingLong((Candidate c) -> -softScore(
                                rules, peersByNode.getOrDefault(c.node().id(), List.of())))
                        .thenComparingDouble(Candidate::ramUsedFraction)
                        .thenComparing(c -> c.node().name()))
                .orElseThrow()
                .node()
                .id();
    }

    /** What the online nodes can run together (brands, images), for the create wizard. */
    NodeOffer offer() {
        return new NodeOffer(nodes.all().stream()
                .filter(n -> n.state() == NodeState.ONLINE)
                .map(n -> nodes.capabilities(n.id())
                        .orElseGet(() -> NodeCapabilities.everything(
                                MachineRules.BRANDS.stream().sorted().toList())))
                .toList());
    }

    /** Whether the machine's node has room for growing by the given amounts (a resize in place). */
    void checkRoomOnNode(UUID nodeId, long extraRamMiB, long extraDiskGiB, long extraCpuCap) {
        Node n = nodes.find(nodeId).orElseThrow(() -> insufficient("package", "the machine's node is unknown"));
        long freeRam = n.ramMiB() - machines.ramOnNode(nodeId);
        long freeDisk = n.diskGiB() - machines.diskOnNode(nodeId);
        long freeCpu = cpuBudget(n) - machines.cpuCapOnNode(nodeId);
        if (extraRamMiB > freeRam) {
            throw insufficient(
                    "package",
                    "node " + n.name() + " has " + freeRam + " MiB free, the new package needs " + extraRamMiB
                            + " MiB more (machines are not moved between nodes)");
        }
        if (extraDiskGiB > freeDisk) {
            throw insufficient(
                    "package",
                    "node " + n.name() + " has " + freeDisk + " GiB free, the new package needs " + extraDiskGiB
                            + " GiB more");
        }
        if (extraCpuCap > freeCpu) {
            throw insufficient(
                    "package",
                    "node " + n.name() + " has " + freeCpu + " % CPU left, the new package needs " + extraCpuCap
                            + " % more");
        }
    }

    /** Whether the node names the image among the ones it runs natively (not merely "any image"). */
    private static boolean names(NodeCapabilities caps, String imageId) {
        return imageId != null
                && caps != null
                && caps.images() != null
                && caps.images().contains(imageId);
    }

    private static long cpuBudget(Node n) {
        return n.cpus() <= 0 ? Long.MAX_VALUE / 4 : (long) (n.cpus() * 100 * CPU_OVERCOMMIT);
    }

    private static boolean satisfies(Affinity rule, List<Affinity.Peer> onNode) {
        boolean any = onNode.stream().anyMatch(rule::matches);
        return rule.together() == any;
    }

    private static long softScore(List<Affinity> rules, List<Affinity.Peer> onNode) {
        return rules.stream()
                .filter(Affinity::soft)
                .filter(r -> satisfies(r, onNode))
                .count();
    }

    static ZoneDeckException insufficient(String field, String why) {
        return new ZoneDeckException(
                "InsufficientCapacity",
                409,
                "No node can take this machine: " + why,
                List.of(new ZoneDeckException.FieldProblem(field, "InsufficientCapacity", why)));
    }
}
