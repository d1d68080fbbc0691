package io.zonedeck.compute;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A version number that moves whenever any machine changes; views poll it once a second to refresh. */
@Component
public class ChangeFeed {
    private final AtomicLong version = new AtomicLong();

    @EventListener
    void on(MachineChanged e) {
        version.incrementAndGet();
    }

    public long version() {
        return version.get();
    }
}
