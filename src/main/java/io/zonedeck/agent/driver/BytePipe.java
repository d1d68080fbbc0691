package io.zonedeck.agent.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A pipe of bytes for the consoles a driver plays itself (the sim shell and framebuffer): chunks in, a stream out. */
public final class BytePipe extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean ended;

    public void write(byte[] b) {
        if (!ended && b.length > 0) {
            chunks.add(b.clone());
        }
    }

    /** Ends the stream: the reader sees EOF after what was written before. */
    public void end() {
        if (!ended) {
            ended = true;
            chunks.add(END);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= current.length) {
            if (current == END) {
                return -1;
            }
            try {
                byte[] next = chunks.poll(1, TimeUnit.HOURS);
                if (next == null) {
                    continue;
                }
                current = next;
                pos = 0;
                if (next == END) {
                    chunks.add(END);
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("console output interrupted");
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
