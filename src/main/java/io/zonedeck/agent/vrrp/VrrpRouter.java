package io.zonedeck.agent.vrrp;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The RFC 5798 section 6.4 state machine of one virtual router (one machine, one VRID). Pure: no threads,
 * no clock; every call gets the current time as epoch ms, timers are deadlines that {@link #advance(long)}
 * fires once they are due, and {@link #nextDeadline()} tells a scheduler when to call it.
 *
 * <p>Adverts go out through {@code send} at the end of each call, after the state has changed and the
 * listener has heard of the transition, so a synchronous network may deliver answers straight back into
 * this router. Not thread-safe: the owner serializes calls.
 */
public final class VrrpRouter {

    /** Hears every state change of a router. */
    @FunctionalInterface
    public interface TransitionListener {
        void onTransition(VrrpTransition transition);
    }

    public static final String REASON_OWNER_STARTUP = "startup as address owner (priority 255)";
    public static final String REASON_STARTUP = "startup";
    public static final String REASON_MASTER_DOWN = "master down timer expired";
    public static final String REASON_MASTER_RELEASED = "master released (priority-0 advert received)";
    public static final String REASON_PREEMPT_LOWER = "preempted a lower-priority master";
    public static final String REASON_HIGHER_PRIORITY = "preempted by higher priority";
    public static final String REASON_HIGHER_IP = "preempted by equal priority with higher primary IP";
    public static final String REASON_DISABLED = "disabled";
    public static final String REASON_RELEASED = "released (graceful switchover)";

    private final UUID machine;
    private final VrrpSpec spec;
    private final Consumer<Advert> send;
    private final TransitionListener listener;
    private final long ownIp;
    private final List<Advert> outbox = new ArrayList<>();

    private int priority;
    private VrrpState state = VrrpState.INIT;
    private boolean enabled;
    private double masterAdverIntervalMs;
    private double masterDownAt = Double.NaN;
    private double adverAt = Double.NaN;
    private String masterDownReason = REASON_MASTER_DOWN;
    private long stateSince;
    private Long lastPeerAdvert;
    private String peerPrimaryIp;
    private Integer peerPriority;

    public VrrpRouter(UUID machine, VrrpSpec spec, Consumer<Advert> send, TransitionListener onTransition) {
        this(machine, spec, send, onTransition, 0);
    }

    /** @param createdAt epoch ms reported as {@code state_since} until the first transition */
    public VrrpRouter(
            UUID machine, VrrpSpec spec, Consumer<Advert> send, TransitionListener onTransition, long createdAt) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.send = Objects.requireNonNull(send, "send");
        this.listener = Objects.requireNonNull(onTransition, "onTransition");
        checkPriority(spec.priority());
        if (spec.vrid() < 1 || spec.vrid() > 255) {
            throw new IllegalArgumentException("vrid must be 1..255");
        }
        if (spec.intervalMs() < 10 || spec.intervalMs() > 40_950) {
            throw new IllegalArgumentException("interval must be 10..40950 ms");
        }
        this.ownIp = Ipv4Address.parse(spec.primaryIp());
        this.priority = spec.priority();
        this.masterAdverIntervalMs = spec.intervalMs();
        this.stateSince = createdAt;
    }

    /** Startup event: the owner (255) becomes MASTER at once with an advert, everyone else BACKUP. */
    public void enable(long now) {
        if (enabled) {
            return;
        }
        enabled = true;
        masterAdverIntervalMs = spec.intervalMs();
        if (priority == 255) {
            becomeMaster(now, REASON_OWNER_STARTUP);
        } else {
            startMasterDownTimer(now, VrrpTimers.masterDownIntervalMs(priority, masterAdverIntervalMs));
            transition(VrrpState.BACKUP, now, REASON_STARTUP);
        }
        flush();
    }

    /** Shutdown event: a MASTER sends a priority-0 advert; then INIT without timers. */
    public void disable(long now) {
        disable(now, REASON_DISABLED);
    }

    public void disable(long now, String reason) {
        if (!enabled) {
            return;
        }
        if (state == VrrpState.MASTER) {
            queueAdvert(0, now);
        }
        stop(now, reason);
        flush();
    }

    /** Stops at once without a priority-0 advert, as when the node crashes. */
    public void halt(long now, String reason) {
        if (enabled) {
            stop(now, reason);
        }
    }

    /**
     * Graceful switchover: a MASTER sends a priority-0 advert (a backup takes over after its Skew_Time) and
     * becomes BACKUP; from then on the router runs with {@code newPriority}. In other states only the
     * priority changes. With preempt and a priority above the new master's, it will take over again.
     */
    public void release(int newPriority, long now) {
        checkPriority(newPriority);
        priority = newPriority;
        if (state == VrrpState.MASTER) {
            queueAdvert(0, now);
            adverAt = Double.NaN;
            masterAdverIntervalMs = spec.intervalMs();
            startMasterDownTimer(now, VrrpTimers.masterDownIntervalMs(priority, masterAdverIntervalMs));
            transition(VrrpState.BACKUP, now, REASON_RELEASED);
        }
        flush();
    }

    /** Changes the priority; a MASTER's next adverts carry it, a BACKUP uses it from its next timer reset. */
    public void setPriority(int newPriority, long now) {
        checkPriority(newPriority);
        priority = newPriority;
    }

    /** An advert from another router of the same VRID on the same segment arrived. */
    public void receive(Advert a, long now) {
        if (!enabled || a.vrid() != spec.vrid()) {
            return;
        }
        lastPeerAdvert = now;
        peerPrimaryIp = a.primaryIp();
        peerPriority = a.priority();
        if (state == VrrpState.BACKUP) {
            receiveAsBackup(a, now);
        } else if (state == VrrpState.MASTER) {
            receiveAsMaster(a, now);
        }
        flush();
    }

    /** Fires every timer due at {@code now}. */
    public void advance(long now) {
        if (state == VrrpState.BACKUP && now >= masterDownAt) {
            becomeMaster(now, masterDownReason);
        } else if (state == VrrpState.MASTER && now >= adverAt) {
            queueAdvert(priority, now);
            adverAt = now + spec.intervalMs();
        }
        flush();
    }

    /** Epoch ms (rounded up) when {@link #advance(long)} has something to do; empty in INIT. */
    public OptionalLong nextDeadline() {
        double at = switch (state) {
            case BACKUP -> masterDownAt;
            case MASTER -> adverAt;
            case INIT -> Double.NaN;
        };
        return Double.isNaN(at) ? OptionalLong.empty() : OptionalLong.of((long) Math.ceil(at));
    }

    /** Whether this router answers for its VIPs: MASTER in accept mode, or the address owner. */
    public boolean answersForVip() {
        return state == VrrpState.MASTER && (spec.accept() || priority == 255);
    }

    public VrrpState state() {
        return state;
    }

    public boolean enabled() {
        return enabled;
    }

    public int priority() {
        return priority;
    }

    public VrrpSpec spec() {
        return spec;
    }

    public UUID machine() {
        return machine;
    }

    /** The virtual MAC 00:00:5e:00:01:{vrid}. */
    public String mac() {
        return String.format(Locale.ROOT, "00:00:5e:00:01:%02x", spec.vrid());
    }

    public VrrpRouterInfo info() {
        return new VrrpRouterInfo(
                machine,
                spec.vrid(),
                state,
                enabled,
                priority,
                spec.intervalMs(),
                spec.preempt(),
                spec.accept(),
                spec.vips() == null ? List.of() : List.copyOf(spec.vips()),
                spec.primaryIp(),
                mac(),
                stateSince,
                lastPeerAdvert,
                peerPrimaryIp,
                peerPriority);
    }

    private void receiveAsBackup(Advert a, long now) {
        if (a.priority() == 0) {
            startMasterDownTimer(now, VrrpTimers.skewTimeMs(priority, masterAdverIntervalMs));
            masterDownReason = REASON_MASTER_RELEASED;
        } else if (!spec.preempt() || a.priority() >= priority) {
            masterAdverIntervalMs = a.intervalMs();
            startMasterDownTimer(now, VrrpTimers.masterDownIntervalMs(priority, masterAdverIntervalMs));
        } else {
            // preempt: ignore the lower master; our Master_Down_Timer runs out and we take over
            masterDownReason = REASON_PREEMPT_LOWER + " (priority " + a.priority() + ")";
        }
    }

    private void receiveAsMaster(Advert a, long now) {
        if (a.priority() == 0) {
            queueAdvert(priority, now);
            adverAt = now + spec.intervalMs();
            return;
        }
        boolean higher = a.priority() > priority;
        boolean tieWon = a.priority() == priority && Ipv4Address.parse(a.primaryIp()) > ownIp;
        if (higher || tieWon) {
            adverAt = Double.NaN;
            masterAdverIntervalMs = a.intervalMs();
            startMasterDownTimer(now, VrrpTimers.masterDownIntervalMs(priority, masterAdverIntervalMs));
            transition(VrrpState.BACKUP, now, higher ? REASON_HIGHER_PRIORITY : REASON_HIGHER_IP);
        }
    }

    private void becomeMaster(long now, String reason) {
        queueAdvert(priority, now);
        masterDownAt = Double.NaN;
        adverAt = now + spec.intervalMs();
        transition(VrrpState.MASTER, now, reason);
    }

    private void startMasterDownTimer(long now, double afterMs) {
        masterDownAt = now + afterMs;
        masterDownReason = REASON_MASTER_DOWN;
    }

    private void stop(long now, String reason) {
        enabled = false;
        masterDownAt = Double.NaN;
        adverAt = Double.NaN;
        masterAdverIntervalMs = spec.intervalMs();
        transition(VrrpState.INIT, now, reason);
    }

    private void transition(VrrpState to, long now, String reason) {
        VrrpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        stateSince = now;
        listener.onTransition(
                new VrrpTransition(machine, spec.vrid(), from, to, now, reason, lastPeerAdvert, peerPrimaryIp));
    }

    private void queueAdvert(int advertPriority, long now) {
        outbox.add(new Advert(
                spec.vrid(), advertPriority, spec.intervalMs(), spec.primaryIp(), spec.nicTag(), spec.vlanId(), now));
    }

    private void flush() {
        while (!outbox.isEmpty()) {
            List<Advert> out = List.copyOf(outbox);
            outbox.clear();
            out.forEach(send);
        }
    }

    private static void checkPriority(int p) {
        if (p < 1 || p > 255) {
            throw new IllegalArgumentException("priority must be 1..255");
        }
    }
}
