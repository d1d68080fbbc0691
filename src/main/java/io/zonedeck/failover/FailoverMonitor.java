package io.zonedeck.failover;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.failover.internal.FailoverEventEntity;
import io.zonedeck.failover.internal.FailoverEventRepository;
import io.zonedeck.failover.internal.PairEntity;
import io.zonedeck.failover.internal.PairRepository;
import io.zonedeck.nodes.NodeEvents;
import io.zonedeck.nodes.NodeLeases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live view of every VRRP router the portal manages, fed by the nodes' streams (transitions, as they
 * happen) and by periodic router lists; records a failover history row whenever a pair's MASTER moves.
 * State is kept per (machine, VRID) and only ever replaced by something newer, so events from two nodes
 * arriving out of order cannot roll it back.
 */
@Component
public class FailoverMonitor {
    record Key(UUID machine, int vrid) {}

    /** What the portal last knew of one router. */
    public record RouterState(String state, Instant since, Long lastPeerAdvert) {}

    private final PairRepository pairs;
    private final FailoverEventRepository history;
    private final Map<Key, RouterState> routers = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> lastMaster = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    private final NodeLeases leases;

    FailoverMonitor(PairRepository pairs, FailoverEventRepository history, NodeLeases leases) {
        this.pairs = pairs;
        this.history = history;
        this.leases = leases;
    }

    @EventListener
    @Transactional
    public void onTransition(NodeEvents.VrrpTransitionReceived e) {
        apply(e.transition(), leases.holds(e.nodeId()));
    }

    /** Applies one transition (from a node's stream), recording history (tests; one instance). */
    @Transactional
    public void apply(VrrpTransition t) {
        apply(t, true);
    }

    /**
     * Applies one transition to this instance's view of the routers; the history row is written only by the
     * holder of the lease of the node that reported it ({@code record}), so it is written once.
     */
    private synchronized void apply(VrrpTransition t, boolean record) {
        Instant at = Instant.ofEpochMilli(t.at());
        Key key = new Key(t.uuid(), t.vrid());
        RouterState old = routers.get(key);
        if (old != null && old.since().isAfter(at)) {
            return;
        }
        routers.put(key, new RouterState(t.to().name(), at, t.lastPeerAdvert()));
        if (t.to() == VrrpState.MASTER) {
            for (PairEntity p : pairs.findByMember(t.uuid())) {
                if (p.vrid != t.vrid()) {
                    continue;
                }
                UUID other = p.machineA.equals(t.uuid()) ? p.machineB : p.machineA;
                UUID from = Optional.ofNullable(lastMaster.put(p.id, t.uuid()))
                        .filter(m -> !m.equals(t.uuid()))
                        .orElse(null);
                RouterState o = routers.get(new Key(other, p.vrid));
                if (o != null && "MASTER".equals(o.state()) && o.since().isBefore(at)) {
                    // the old master has not spoken since: until it does, we do not know what it is
                    routers.put(new Key(other, p.vrid), new RouterState("unknown", at, o.lastPeerAdvert()));
                }
                FailoverEventEntity ev = new FailoverEventEntity();
                ev.id = UUID.randomUUID();
                ev.pairId = p.id;
                ev.at = at;
                ev.fromMachine = from;
                ev.toMachine = t.uuid();
                ev.durationMs = from != null && t.lastPeerAdvert() != null ? t.at() - t.lastPeerAdvert() : null;
                ev.reason = t.reason() == null ? "became master" : truncate(t.reason());
                if (record) {
                    history.save(ev);
                }
            }
        }
        version.incrementAndGet();
    }

    /** Takes a node's full router list (newer information only). */
    public synchronized void observe(List<VrrpRouterInfo> list) {
        for (VrrpRouterInfo r : list) {
            Key key = new Key(r.uuid(), r.vrid());
            Instant since = Instant.ofEpochMilli(r.stateSince());
            RouterState old = routers.get(key);
            String state = r.enabled() ? r.state().name() : "disabled";
            RouterState fresh = new RouterState(state, since, r.lastPeerAdvert());
            if (old == null || !old.since().isAfter(since)) {
                routers.put(key, fresh);
                // the last-advert time moves every interval; only a state change is news for the views
                if (old == null || !old.state().equals(state) || !old.since().equals(since)) {
                    version.incrementAndGet();
                }
            }
            if (r.state() == VrrpState.MASTER) {
                for (PairEntity p : pairs.findByMember(r.uuid())) {
                    if (p.vrid == r.vrid()) {
                        lastMaster.putIfAbsent(p.id, r.uuid());
                    }
                }
            }
        }
    }

    public Optional<RouterState> state(UUID machine, int vrid) {
        return Optional.ofNullable(routers.get(new Key(machine, vrid)));
    }

    void forget(UUID machine, int vrid, UUID pairId) {
        routers.remove(new Key(machine, vrid));
        lastMaster.remove(pairId);
        version.incrementAndGet();
    }

    /** Moves whenever any router state or history changes; views poll it to refresh. */
    public long version() {
        return version.get();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
