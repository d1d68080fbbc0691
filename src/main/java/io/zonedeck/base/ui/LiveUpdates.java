package io.zonedeck.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The single heartbeat of server push. Once a second each UI with subscribers gets exactly one
 * {@code ui.access}, in which all of that UI's subscribers push whatever changed: so a UI receives at most one
 * push per second, however many live components it shows. A subscriber that throws is logged and skipped; the
 * others still run. A subscription ends when its component is detached or its UI closes.
 *
 * <pre>{@code
 * live.subscribe(chart, chart::pushNewPoints); // in a view's constructor, with LiveUpdates injected
 * }</pre>
 */
@org.springframework.stereotype.Component
public class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** Subscriptions grouped by UI: one access per entry and tick. */
    private final Map<UI, UiTicks> perUi = new ConcurrentHashMap<>();

    private final AtomicLong accesses = new AtomicLong();
    private final AtomicLong ranUiTicks = new AtomicLong();
    private final AtomicLong ranNanos = new AtomicLong();
    private volatile TickStats lastTick = new TickStats(0, 0, 0, 0);
    private volatile long lastTickStarted;

    private record Subscription(Component owner, Runnable tick) {}

    /** The subscribers of one UI, and what its ticks cost. */
    private static final class UiTicks {
        final Set<Subscription> ticks = ConcurrentHashMap.newKeySet();
        final Registration uiDetach;

        UiTicks(Registration uiDetach) {
            this.uiDetach = uiDetach;
        }
    }

    /**
     * What the last heartbeat cost: how many UIs got an access, how many subscribers ran, and the server time spent
     * running them inside the accesses (the push itself is sent when each access releases the session lock).
     */
    public record TickStats(int uis, int subscribers, long nanos, long maxUiNanos) {
        /** Mean time per UI in microseconds (0 without UIs). */
        public double microsPerUi() {
            return uis == 0 ? 0 : nanos / 1000.0 / uis;
        }
    }

    /**
     * Calls {@code tick} once a second, inside its UI's single {@code ui.access} of that second, while {@code owner}
     * is attached (from now if it is attached already, else from its attach). Re-attaching subscribes it again.
     *
     * @return removes the subscription for good
     */
    public Registration subscribe(Component owner, Runnable tick) {
        Subscription s = new Subscription(owner, tick);
        Registration onAttach = owner.addAttachListener(e -> add(e.getUI(), s));
        Registration onDetach = owner.addDetachListener(e -> remove(e.getUI(), s));
        owner.getUI().ifPresent(ui -> add(ui, s));
        return () -> {
            onAttach.remove();
            onDetach.remove();
            owner.getUI().ifPresent(ui -> remove(ui, s));
        };
    }

    /** Subscribers over all UIs. */
    public int subscriberCount() {
        return perUi.values().stream().mapToInt(t -> t.ticks.size()).sum();
    }

    /** UIs with at least one subscriber. */
    public int uiCount() {
        return perUi.size();
    }

    /** {@code ui.access} calls made by the heartbeat since start (one per UI and tick). */
    public long accessCount() {
        return accesses.get();
    }

    /**
     * The last heartbeat's cost, counting the accesses that ran before it ended (an access waits when a request
     * holds its session's lock; it then counts in {@link #meanMicrosPerUiTick()} only).
     */
    public TickStats lastTick() {
        return lastTick;
    }

    /** {@link System#nanoTime()} when the last heartbeat started (to time pushes from it). */
    public long lastTickStartedNanos() {
        return lastTickStarted;
    }

    /** Mean server time of one UI's subscribers in one access since start, in microseconds. */
    public double meanMicrosPerUiTick() {
        long n = ranUiTicks.get();
        return n == 0 ? 0 : ranNanos.get() / 1000.0 / n;
    }

    private void add(UI ui, Subscription tick) {
        perUi.computeIfAbsent(ui, u -> new UiTicks(u.addDetachListener(e -> dropUi(u))))
                .ticks
                .add(tick);
    }

    private void remove(UI ui, Subscription tick) {
        perUi.computeIfPresent(ui, (u, t) -> {
            t.ticks.remove(tick);
            if (t.ticks.isEmpty()) {
                t.uiDetach.remove();
                return null;
            }
            return t;
        });
    }

    private void dropUi(UI ui) {
        UiTicks t = perUi.remove(ui);
        if (t != null) {
            t.uiDetach.remove();
        }
    }

    /** One heartbeat: one access per UI, all of its subscribers inside it. */
    @Scheduled(fixedRate = 1000)
    public void tick() {
        lastTickStarted = System.nanoTime();
        int uis = 0;
        int subscribers = 0;
        AtomicLong nanos = new AtomicLong();
        AtomicLong max = new AtomicLong();
        for (Map.Entry<UI, UiTicks> entry : perUi.entrySet()) {
            UI ui = entry.getKey();
            if (ui.isClosing() || !ui.isAttached()) {
                dropUi(ui);
                continue;
            }
            List<Subscription> ticks = List.copyOf(entry.getValue().ticks);
            if (ticks.isEmpty()) {
                continue;
            }
            uis++;
            subscribers += ticks.size();
            try {
                accesses.incrementAndGet();
                ui.access(() -> {
                    long start = System.nanoTime();
                    for (Subscription s : ticks) {
                        try {
                            s.tick().run();
                        } catch (RuntimeException e) {
                            log.warn("live update of UI {} failed: {}", ui.getUIId(), e.toString(), e);
                        }
                    }
                    long spent = System.nanoTime() - start;
                    nanos.addAndGet(spent);
                    ranUiTicks.incrementAndGet();
                    ranNanos.addAndGet(spent);
                    max.accumulateAndGet(spent, Math::max);
                });
            } catch (RuntimeException e) { // UIDetachedException: the UI went away since the check
                log.debug("live update skipped: {}", e.toString());
                dropUi(ui);
            }
        }
        lastTick = new TickStats(uis, subscribers, nanos.get(), max.get());
    }
}
