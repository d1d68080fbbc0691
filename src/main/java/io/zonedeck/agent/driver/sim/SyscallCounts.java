package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.MachineSample;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map from {@link MachineSample#SYSCALLS} (in that order) to counts over one {@code long[]}: the agent
 * keeps thousands of samples in its ring buffer, and a hash map per sample costs several times the counts.
 */
final class SyscallCounts extends AbstractMap<String, Long> {
    private static final List<String> NAMES = MachineSample.SYSCALLS;

    private final long[] counts;

    /** Takes ownership of {@code counts}, one per name of {@link MachineSample#SYSCALLS}. */
    SyscallCounts(long[] counts) {
        if (counts.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " counts");
        }
        this.counts = counts;
    }

    @Override
    public int size() {
        return counts.length;
    }

    @Override
    public Long get(Object key) {
        int i = key instanceof String s ? NAMES.indexOf(s) : -1;
        return i < 0 ? null : counts[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && NAMES.contains(s);
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < counts.length;
                    }

                    @Override
                    public Map.Entry<String, Long> next() {
                        if (i >= counts.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Long> e = Map.entry(NAMES.get(i), counts[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return counts.length;
            }
        };
    }
}
