package io.zonedeck.agent.vrrp;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpTransition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The simulated VRRP routers of one node (agent) on a {@link SimLan}. A router runs (is enabled) while it is
 * administratively enabled, its machine is running and the node is up. Timers: a real-time engine schedules
 * one task at the earliest router deadline on its own daemon thread (created on first use); a manual engine
 * has no thread and tests call {@link #runDue()} after moving their clock.
 *
 * <p>All state is guarded by the LAN's lock, so routers of several engines on one LAN never deadlock.
 */
public final class VrrpEngine implements AutoCloseable {
    public static final String REASON_MACHINE_STOPPED = "machine stopped";
    public static final String REASON_REMOVED = "router removed";
    public static final String REASON_RECONFIGURED = "reconfigured";
    public static final String REASON_NODE_FAILED = "node failed";

    private record Key(UUID machine, int vrid) {}

    private static final class Entry {
        VrrpSpec spec;
        VrrpRouter router;
        SimLan.Port port;
        boolean adminEnabled = true;
        boolean machineRunning;
    }

    private final String nodeId;
    private final SimLan lan;
    private final Clock clock;
    private final boolean realTime;
    private final Map<Key, Entry> routers = new LinkedHashMap<>();
    private volatile Consumer<VrrpTransition> listener = t -> {};
    private boolean nodeDown;
    private boolean closed;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private long pendingAt;

    private VrrpEngine(String nodeId, SimLan lan, Clock clock, boolean realTime) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.lan = Objects.requireNonNull(lan, "lan");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.realTime = realTime;
    }

    /** Timers fire on a daemon thread of this engine at ms precision. */
    public static VrrpEngine realTime(String nodeId, SimLan lan, Clock clock) {
        return new VrrpEngine(nodeId, lan, clock, true);
    }

    /** No thread: call {@link #runDue()} whenever the clock has moved. */
    public static VrrpEngine manual(String nodeId, SimLan lan, Clock clock) {
        return new VrrpEngine(nodeId, lan, clock, false);
    }

    public String nodeId() {
        return nodeId;
    }

    public SimLan lan() {
        return lan;
    }

    public void setTransitionListener(Consumer<VrrpTransition> newListener) {
        this.listener = Objects.requireNonNull(newListener);
    }

    /**
     * Creates the router or, for a changed spec, updates it: a priority change applies in place, any other
     * change restarts the router (a MASTER releases with a priority-0 advert first). The same spec again
     * changes nothing.
     */
    public VrrpRouterInfo configure(UUID machine, VrrpSpec spec, boolean machineRunning) {
        return lan.locked(() -> {
            Key key = new Key(machine, spec.vrid());
            Entry e = routers.get(key);
            long now = clock.millis();
            if (e != null && e.spec.equals(spec)) {
                e.machineRunning = machineRunning;
                sync(e, REASON_MACHINE_STOPPED);
            } else if (e != null && withPriority(e.spec, spec.priority()).equals(spec)) {
                e.spec = spec;
                e.router.setPriority(spec.priority(), now);
                e.machineRunning = machineRunning;
                sync(e, REASON_MACHINE_STOPPED);
            } else {
                boolean adminEnabled = true;
                if (e != null) {
                    adminEnabled = e.adminEnabled;
                    detach(e, REASON_RECONFIGURED);
                }
                e = attach(machine, spec);
                e.adminEnabled = adminEnabled;
                e.machineRunning = machineRunning;
                routers.put(key, e);
                sync(e, REASON_MACHINE_STOPPED);
            }
            reschedule();
            return info(e);
        });
    }

    /** Removes a router (a MASTER sends a priority-0 advert); false if there was none. */
    public boolean remove(UUID machine, int vrid) {
        return lan.locked(() -> {
            Entry e = routers.remove(new Key(machine, vrid));
            if (e == null) {
                return false;
            }
            detach(e, REASON_REMOVED);
            reschedule();
            return true;
        });
    }

    /** Removes every router of a machine (it was deleted). */
    public void removeMachine(UUID machine) {
        lan.locked(() -> {
            for (Key k : List.copyOf(routers.keySet())) {
                if (k.machine().equals(machine)) {
                    detach(routers.remove(k), REASON_REMOVED);
                }
            }
            reschedule();
        });
    }

    public Optional<VrrpRouterInfo> setEnabled(UUID machine, int vrid, boolean enabled) {
        return lan.locked(() -> {
            Entry e = routers.get(new Key(machine, vrid));
            if (e == null) {
                return Optional.<VrrpRouterInfo>empty();
            }
            e.adminEnabled = enabled;
            sync(e, VrrpRouter.REASON_DISABLED);
            reschedule();
            return Optional.of(info(e));
        });
    }

    /** Graceful switchover, see {@link VrrpRouter#release(int, long)}. */
    public Optional<VrrpRouterInfo> release(UUID machine, int vrid, int newPriority) {
        return lan.locked(() -> {
            Entry e = routers.get(new Key(machine, vrid));
            if (e == null) {
                return Optional.<VrrpRouterInfo>empty();
            }
            e.router.release(newPriority, clock.millis());
            e.spec = withPriority(e.spec, newPriority);
            reschedule();
            return Optional.of(info(e));
        });
    }

    /** Routers run only while their machine runs: a stop disables them, a start enables them again. */
    public void setMachineRunning(UUID machine, boolean running) {
        lan.locked(() -> {
            for (Map.Entry<Key, Entry> me : routers.entrySet()) {
                if (me.getKey().machine().equals(machine) && me.getValue().machineRunning != running) {
                    me.getValue().machineRunning = running;
                    sync(me.getValue(), REASON_MACHINE_STOPPED);
                }
            }
            reschedule();
        });
    }

    /**
     * A failed node is cut off the LAN and its routers stop at once, without a priority-0 advert (as in a
     * crash); when it recovers they start again like after a boot: BACKUP (MASTER at once for an owner),
     * then RFC rules apply (they hear the current master; with preempt and a higher priority they take over).
     */
    public void setNodeDown(boolean down) {
        lan.locked(() -> {
            if (down == nodeDown) {
                return;
            }
            nodeDown = down;
            // cut off before the routers stop, reconnect before they start: nothing leaks, nothing is lost
            lan.setNodeDown(nodeId, down);
            for (Entry e : List.copyOf(routers.values())) {
                sync(e, REASON_NODE_FAILED);
            }
            reschedule();
        });
    }

    public boolean nodeDown() {
        return lan.locked(() -> nodeDown);
    }

    public List<VrrpRouterInfo> routers() {
        return lan.locked(() -> routers.values().stream().map(VrrpEngine::info).toList());
    }

    public Optional<VrrpRouterInfo> router(UUID machine, int vrid) {
        return lan.locked(
                () -> Optional.ofNullable(routers.get(new Key(machine, vrid))).map(VrrpEngine::info));
    }

    /** Whether the router currently answers for its VIPs (MASTER in accept mode or owner). */
    public boolean answersForVip(UUID machine, int vrid) {
        return lan.locked(() -> {
            Entry e = routers.get(new Key(machine, vrid));
            return e != null && e.router.answersForVip();
        });
    }

    /** Fires every router timer due now on this engine's clock. */
    public void runDue() {
        lan.locked(() -> {
            pending = null;
            long now = clock.millis();
            for (Entry e : List.copyOf(routers.values())) {
                e.router.advance(now);
            }
            reschedule();
        });
    }

    /** Earliest router deadline (epoch ms), empty when no timer runs. */
    public OptionalLong nextDeadline() {
        return lan.locked(() -> {
            OptionalLong min = OptionalLong.empty();
            for (Entry e : routers.values()) {
                OptionalLong d = e.router.nextDeadline();
                if (d.isPresent() && (min.isEmpty() || d.getAsLong() < min.getAsLong())) {
                    min = d;
                }
            }
            return min;
        });
    }

    /** Stops the timer thread and takes the routers off the LAN silently (the agent went away). */
    @Override
    public void close() {
        lan.locked(() -> {
            closed = true;
            long now = clock.millis();
            for (Entry e : routers.values()) {
                e.router.halt(now, "agent stopped");
                e.port.leave();
            }
            routers.clear();
            if (pending != null) {
                pending.cancel(false);
            }
            if (timer != null) {
                timer.shutdownNow();
            }
        });
    }

    private Entry attach(UUID machine, VrrpSpec spec) {
        Entry e = new Entry();
        e.spec = spec;
        e.router = new VrrpRouter(machine, spec, a -> e.port.send(a), t -> listener.accept(t), clock.millis());
        e.port = lan.join(nodeId, new SimLan.Segment(spec.nicTag(), spec.vlanId(), spec.vrid()), a -> {
            e.router.receive(a, clock.millis());
            reschedule();
        });
        return e;
    }

    private void detach(Entry e, String reason) {
        e.router.disable(clock.millis(), reason);
        e.port.leave();
    }

    private void sync(Entry e, String stopReason) {
        boolean shouldRun = e.adminEnabled && e.machineRunning && !nodeDown;
        long now = clock.millis();
        if (shouldRun && !e.router.enabled()) {
            e.router.enable(now);
        } else if (!shouldRun && e.router.enabled()) {
            if (nodeDown) {
                e.router.halt(now, REASON_NODE_FAILED);
            } else {
                e.router.disable(now, e.machineRunning ? VrrpRouter.REASON_DISABLED : stopReason);
            }
        }
    }

    private void reschedule() {
        if (!realTime || closed) {
            return;
        }
        OptionalLong next = nextDeadline();
        if (next.isEmpty()) {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            return;
        }
        long at = next.getAsLong();
        if (pending != null && pendingAt == at && !pending.isDone()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vrrp-" + nodeId);
                t.setDaemon(true);
                return t;
            });
        }
        pendingAt = at;
        pending = timer.schedule(this::safeRunDue, Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
    }

    private void safeRunDue() {
        try {
            runDue();
        } catch (RuntimeException ex) {
            System.getLogger(VrrpEngine.class.getName()).log(System.Logger.Level.ERROR, "vrrp timer failed", ex);
        }
    }

    private static VrrpRouterInfo info(Entry e) {
        VrrpRouterInfo i = e.router.info();
        return new VrrpRouterInfo(
                i.uuid(),
                i.vrid(),
                i.state(),
                e.adminEnabled,
                i.priority(),
                i.intervalMs(),
                i.preempt(),
                i.accept(),
                i.vips(),
                i.primaryIp(),
                i.mac(),
                i.stateSince(),
                i.lastPeerAdvert(),
                i.peerPrimaryIp(),
                i.peerPriority());
    }

    static VrrpSpec withPriority(VrrpSpec s, int priority) {
        return new VrrpSpec(
                s.vrid(),
                s.primaryIp(),
                priority,
                s.intervalMs(),
                s.preempt(),
                s.accept(),
                s.vips(),
                s.nicTag(),
                s.vlanId());
    }
}
