package io.zonedeck.agent.server;

import io.zonedeck.agent.api.AgentEvent;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.api.VrrpTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's stream: numbered entries (seq 1, 2, 3, ...) in a fixed-size ring. Readers resume with
 * the {@code next} of their previous batch and lose nothing as long as they keep up with the ring;
 * when they fall behind, the batch says {@code gap=true}. Thread-safe.
 */
public final class RingBuffer {
    public static final int DEFAULT_CAPACITY = 8192;

    private final StreamEntry[] entries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long lastSeq;

    public RingBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.entries = new StreamEntry[capacity];
    }

    public long appendSample(long timestamp, NodeSample sample) {
        return append(timestamp, sample, null, null);
    }

    public long appendEvent(long timestamp, AgentEvent event) {
        return append(timestamp, null, event, null);
    }

    public long appendVrrp(long timestamp, VrrpTransition transition) {
        return append(timestamp, null, null, transition);
    }

    private long append(long timestamp, NodeSample sample, AgentEvent event, VrrpTransition vrrp) {
        lock.lock();
        try {
            long seq = ++lastSeq;
            entries[(int) ((seq - 1) % entries.length)] = new StreamEntry(seq, timestamp, sample, event, vrrp);
            appended.signalAll();
            return seq;
        } finally {
            lock.unlock();
        }
    }

    public long lastSeq() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Entries with seq &gt; afterSeq, oldest first, at most {@code max}. If afterSeq is ahead of this
     * buffer (the agent restarted and numbering began again), reading restarts at the oldest entry
     * and the batch reports a gap.
     */
    public StreamBatch read(long afterSeq, int max) {
        lock.lock();
        try {
            return readLocked(afterSeq, max);
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #read} but waits up to {@code waitMillis} for an entry when none is available. */
    public StreamBatch await(long afterSeq, int max, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
        lock.lock();
        try {
            StreamBatch batch = readLocked(afterSeq, max);
            while (batch.entries().isEmpty() && !batch.gap()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return batch;
                }
                appended.awaitNanos(left);
                batch = readLocked(afterSeq, max);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private StreamBatch readLocked(long afterSeq, int max) {
        long after = Math.max(0, afterSeq);
        long oldest = lastSeq >= entries.length ? lastSeq - entries.length + 1 : 1;
        boolean gap = after > lastSeq || after + 1 < oldest;
        long from = gap ? oldest : after + 1;
        List<StreamEntry> out = new ArrayList<>();
        for (long seq = from; seq <= lastSeq && out.size() < max; seq++) {
            out.add(entries[(int) ((seq - 1) % entries.length)]);
        }
        long next = out.isEmpty() ? from - 1 : out.get(out.size() - 1).seq();
        return new StreamBatch(next, gap, List.copyOf(out));
    }
}
