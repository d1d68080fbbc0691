package io.zonedeck.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The single heartbeat of server push: once a second every attached subscriber gets one {@code ui.access}
 * in which it pushes whatever changed. So a UI receives at most one push per second per subscriber, and
 * subscriptions end with the component's detach.
 */
@org.springframework.stereotype.Component
public class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    private record Subscription(UI ui, Runnable tick) {}

    /** Calls {@code tick} inside {@code ui.access} once a second while {@code owner} is attached. */
    public void subscribe(Component owner, Runnable tick) {
        owner.addAttachListener(e -> {
            Subscription s = new Subscription(e.getUI(), tick);
            subscriptions.add(s);
            Registration[] detach = new Registration[1];
            detach[0] = owner.addDetachListener(d -> {
                subscriptions.remove(s);
                detach[0].remove();
            });
        });
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    @Scheduled(fixedRate = 1000)
    void tick() {
        for (Subscription s : subscriptions) {
            if (s.ui().isClosing() || !s.ui().isAttached()) {
                subscriptions.remove(s);
                continue;
            }
            try {
                s.ui().access(() -> s.tick().run());
            } catch (RuntimeException e) {
                log.debug("live update skipped: {}", e.toString());
            }
        }
    }
}
