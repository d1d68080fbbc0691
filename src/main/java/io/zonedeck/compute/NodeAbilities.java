package io.zonedeck.compute;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a machine's node can do, for the throttle and snapshot rules and the pages that offer them. A node that has
 * not answered since the portal started counts as able to do everything (as in {@link Placement}).
 */
@Component
class NodeAbilities {
    private final NodeRegistry nodes;

    NodeAbilities(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    /**
     * The machine's node as the caller may name it: "node cn-2 (linux driver)" for operators, "this machine's node
     * (linux driver)" for tenants (they never see nodes), with what it can do.
     */
    Ability of(UUID nodeId, Caller caller) {
        NodeCapabilities caps = nodes.capabilities(nodeId).orElse(null);
        if (caps == null) {
            return Ability.EVERYTHING;
        }
        Node n = nodes.find(nodeId).orElse(null);
        String driver = n == null || n.driver() == null ? "" : " (" + n.driver() + " driver)";
        String where = caller.isOperator() && n != null ? "node " + n.name() + driver : "this machine's node" + driver;
        return new Ability(where, caps);
    }

    /**
     * A node's capabilities with how to name it in refusals and helper texts.
     *
     * @param where "node cn-2 (linux driver)" or "this machine's node (linux driver)"
     */
    record Ability(String where, NodeCapabilities capabilities) {
        static final Ability EVERYTHING = new Ability(
                "its node", NodeCapabilities.everything(List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve")));

        boolean enforces(String throttle) {
            return capabilities.enforces(throttle);
        }

        String notEnforced(String throttle) {
            return throttle + " is not enforced on " + where;
        }

        boolean snapshots() {
            return capabilities.snapshots();
        }

        String noSnapshots() {
            return "Snapshots are not supported on " + where;
        }
    }
}
