package io.zonedeck.compute;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Capacity-aware spread placement over online nodes that run the brand. Capacity comes from the database's
 * desired configuration (every machine assigned to a node counts, including ones still provisioning), so two
 * concurrent creates cannot both take the last slot: callers hold the placement lock.
 */
@Component
class Placement {
    private final NodeRegistry nodes;
    private final MachineRepository machines;

    Placement(NodeRegistry nodes, MachineRepository machines) {
        this.nodes = nodes;
        this.machines = machines;
    }

    record Candidate(Node node, long freeRamMiB, long freeDiskGiB, double ramUsedFraction) {}

    /** Chooses the least-loaded node with room; when none fits, says which constraint failed. */
    UUID choose(MachinePackage pkg, String brand) {
        List<Node> online =
                nodes.all().stream().filter(n -> n.state() == NodeState.ONLINE).toList();
        if (online.isEmpty()) {
            throw insufficient("no compute node is online");
        }
        List<Node> capable = online.stream()
                .filter(n -> nodes.latestInfo(n.id())
                        .map(i -> i.brands() == null || i.brands().contains(brand))
                        .orElse(true))
                .toList();
        if (capable.isEmpty()) {
            throw insufficient("no online node runs brand " + brand);
        }
        List<Candidate> candidates = new ArrayList<>();
        long bestRam = 0;
        long bestDisk = 0;
        for (Node n : capable) {
            long freeRam = n.ramMiB() - machines.ramOnNode(n.id());
            long freeDisk = n.diskGiB() - machines.diskOnNode(n.id());
            bestRam = Math.max(bestRam, freeRam);
            bestDisk = Math.max(bestDisk, freeDisk);
            if (freeRam >= pkg.ramMiB() && freeDisk >= pkg.diskGiB()) {
                candidates.add(new Candidate(n, freeRam, freeDisk, 1.0 - (double) freeRam / n.ramMiB()));
            }
        }
        if (candidates.isEmpty()) {
            if (bestRam < pkg.ramMiB()) {
                throw insufficient("not enough memory: package " + pkg.name() + " needs " + pkg.ramMiB()
                        + " MiB, the most free on any node is " + bestRam + " MiB");
            }
            throw insufficient("not enough disk: package " + pkg.name() + " needs " + pkg.diskGiB()
                    + " GiB, the most free on any node is " + bestDisk + " GiB");
        }
        return candidates.stream()
                .min(Comparator.comparingDouble(Candidate::ramUsedFraction)
                        .thenComparing(c -> c.node().name()))
                .orElseThrow()
                .node()
                .id();
    }

    private static ZoneDeckException insufficient(String why) {
        return new ZoneDeckException(
                "InsufficientCapacity",
                409,
                "No node can take this machine: " + why,
                List.of(new ZoneDeckException.FieldProblem("package", "InsufficientCapacity", why)));
    }
}
