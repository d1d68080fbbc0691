package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.SimFault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The faults injected into one sim driver; thread-safe (its own monitor, taken after the driver's). */
final class SimFaults {
    private static final class Active {
        final SimFault spec;
        int remaining;

        Active(SimFault spec) {
            this.spec = spec;
            this.remaining = spec.count() == null ? 1 : spec.count();
        }

        SimFault view() {
            return new SimFault(spec.operation(), spec.mode(), spec.step(), spec.machine(), remaining);
        }
    }

    private final List<Active> active = new ArrayList<>();
    private long generation;
    private boolean closed;

    synchronized List<SimFault> add(SimFault fault) {
        active.add(new Active(fault));
        return list();
    }

    synchronized List<SimFault> list() {
        return active.stream().map(Active::view).toList();
    }

    /** Removes every fault and wakes operations hanging on one. */
    synchronized void clear() {
        active.clear();
        generation++;
        notifyAll();
    }

    /** Wakes every hanging operation for good (the driver is closing). */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** The first fault of one of {@code modes} that hits {@code operation} on {@code machine}, used up by one. */
    synchronized SimFault take(String operation, UUID machine, Set<String> modes) {
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            boolean hits = modes.contains(a.spec.mode())
                    && (a.spec.operation().equals("any") || a.spec.operation().equals(operation))
                    && (a.spec.machine() == null || a.spec.machine().equals(machine));
            if (hits) {
                if (--a.remaining <= 0) {
                    it.remove();
                }
                return a.spec;
            }
        }
        return null;
    }

    /** Blocks until the faults are cleared or the driver closes. */
    synchronized void hang() throws InterruptedException {
        long g = generation;
        while (g == generation && !closed) {
            wait();
        }
    }
}
