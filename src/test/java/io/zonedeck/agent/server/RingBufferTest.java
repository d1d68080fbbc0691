package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.AgentEvent;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    private static void fill(RingBuffer buffer, int n) {
        for (int i = 0; i < n; i++) {
            buffer.appendEvent(i, new AgentEvent(UUID.randomUUID(), MachineState.RUNNING, null, null, null));
        }
    }

    private static List<Long> seqs(StreamBatch b) {
        return b.entries().stream().map(StreamEntry::seq).toList();
    }

    @Test
    void numbers_entries_from_one_and_reads_after_a_sequence() {
        RingBuffer buffer = new RingBuffer(10);
        fill(buffer, 5);
        StreamBatch b = buffer.read(2, 100);
        assertThat(seqs(b)).containsExactly(3L, 4L, 5L);
        assertThat(b.next()).isEqualTo(5);
        assertThat(b.gap()).isFalse();
    }

    @Test
    void empty_read_keeps_the_position() {
        RingBuffer buffer = new RingBuffer(10);
        fill(buffer, 3);
        StreamBatch b = buffer.read(3, 100);
        assertThat(b.entries()).isEmpty();
        assertThat(b.next()).isEqualTo(3);
        assertThat(b.gap()).isFalse();
    }

    @Test
    void wraps_around_and_keeps_only_the_newest_entries() {
        RingBuffer buffer = new RingBuffer(4);
        fill(buffer, 10);
        StreamBatch b = buffer.read(6, 100);
        assertThat(seqs(b)).containsExactly(7L, 8L, 9L, 10L);
        assertThat(b.gap()).isFalse();
    }

    @Test
    void reports_a_gap_when_the_reader_fell_behind_the_ring() {
        RingBuffer buffer = new RingBuffer(4);
        fill(buffer, 10);
        StreamBatch b = buffer.read(2, 100);
        assertThat(b.gap()).isTrue();
        assertThat(seqs(b)).containsExactly(7L, 8L, 9L, 10L);
        assertThat(buffer.read(6, 100).gap()).isFalse();
        assertThat(buffer.read(5, 100).gap()).isTrue();
    }

    @Test
    void reports_a_gap_and_restarts_when_the_reader_is_ahead_after_an_agent_restart() {
        RingBuffer buffer = new RingBuffer(4);
        fill(buffer, 2);
        StreamBatch b = buffer.read(500, 100);
        assertThat(b.gap()).isTrue();
        assertThat(seqs(b)).containsExactly(1L, 2L);
    }

    @Test
    void resumes_in_small_batches_without_loss_or_duplicates_while_writing() {
        RingBuffer buffer = new RingBuffer(64);
        List<Long> seen = new ArrayList<>();
        long after = 0;
        for (int round = 0; round < 200; round++) {
            fill(buffer, round % 7);
            StreamBatch b = buffer.read(after, 5);
            assertThat(b.gap()).isFalse();
            seen.addAll(seqs(b));
            after = b.next();
        }
        StreamBatch rest;
        while (!(rest = buffer.read(after, 5)).entries().isEmpty()) {
            seen.addAll(seqs(rest));
            after = rest.next();
        }
        assertThat(seen).hasSize((int) buffer.lastSeq());
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void long_poll_returns_as_soon_as_an_entry_arrives() throws Exception {
        RingBuffer buffer = new RingBuffer(8);
        CompletableFuture<StreamBatch> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.await(0, 10, 10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        fill(buffer, 1);
        StreamBatch b = poll.get(2, TimeUnit.SECONDS);
        assertThat(seqs(b)).containsExactly(1L);
    }

    @Test
    void long_poll_times_out_with_an_empty_batch() throws Exception {
        RingBuffer buffer = new RingBuffer(8);
        long t0 = System.nanoTime();
        StreamBatch b = buffer.await(0, 10, 100);
        assertThat(b.entries()).isEmpty();
        assertThat(b.next()).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void concurrent_writers_get_unique_increasing_sequences() throws Exception {
        RingBuffer buffer = new RingBuffer(100_000);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread w = new Thread(() -> fill(buffer, 1000));
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join();
        }
        StreamBatch all = buffer.read(0, 100_000);
        assertThat(all.entries()).hasSize(8000);
        assertThat(seqs(all)).doesNotHaveDuplicates().isSorted();
    }
}
