package io.zonedeck.agent.vrrp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An in-memory network shared by the simulated routers of any number of agents in one JVM. An advert is
 * delivered to every other port on the same {@link Segment} (nic tag, VLAN, VRID); a node marked down
 * neither sends nor receives. Delivery is synchronous and in FIFO order: answers sent while an advert is
 * being delivered are queued and delivered after it, so nothing is re-entered mid-delivery.
 *
 * <p>One lock guards the LAN and, by convention, every router attached to it: {@link VrrpEngine}s run all
 * router calls inside {@link #locked(Supplier)}, which keeps lock ordering trivial across agents.
 */
public final class SimLan {

    /** What scopes a VRID: the segment of the VRRP NIC plus the VRID. */
    public record Segment(String nicTag, int vlanId, int vrid) {}

    /** A router's attachment to the LAN. */
    public final class Port {
        private final String nodeId;
        private final Segment segment;
        private final Consumer<Advert> receiver;
        private boolean attached = true;

        private Port(String nodeId, Segment segment, Consumer<Advert> receiver) {
            this.nodeId = nodeId;
            this.segment = segment;
            this.receiver = receiver;
        }

        /** Delivers to every other attached port of the segment unless this node or theirs is down. */
        public void send(Advert advert) {
            locked(() -> {
                if (!attached || downNodes.contains(nodeId)) {
                    return;
                }
                for (Port p : ports) {
                    if (p != this && p.segment.equals(segment)) {
                        queue.add(new Delivery(p, advert));
                    }
                }
                drain();
            });
        }

        public void leave() {
            locked(() -> {
                attached = false;
                ports.remove(this);
            });
        }

        public String nodeId() {
            return nodeId;
        }

        public Segment segment() {
            return segment;
        }
    }

    private record Delivery(Port to, Advert advert) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Port> ports = new ArrayList<>();
    private final Set<String> downNodes = new HashSet<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private boolean delivering;

    public Port join(String nodeId, Segment segment, Consumer<Advert> receiver) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(receiver, "receiver");
        return locked(() -> {
            Port p = new Port(nodeId, segment, receiver);
            ports.add(p);
            return p;
        });
    }

    /** A node that is down is cut off: its ports neither send nor receive. */
    public void setNodeDown(String nodeId, boolean down) {
        locked(() -> {
            if (down) {
                downNodes.add(nodeId);
            } else {
                downNodes.remove(nodeId);
            }
        });
    }

    public boolean isNodeDown(String nodeId) {
        return locked(() -> downNodes.contains(nodeId));
    }

    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            Delivery d;
            while ((d = queue.poll()) != null) {
                if (d.to.attached && !downNodes.contains(d.to.nodeId)) {
                    d.to.receiver.accept(d.advert);
                }
            }
        } finally {
            queue.clear(); // empty unless a receiver threw: drop what that delivery left behind
            delivering = false;
        }
    }
}
