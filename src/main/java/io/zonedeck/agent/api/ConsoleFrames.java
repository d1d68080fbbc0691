package io.zonedeck.agent.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The console stream between portal and agent after the ticket line: frames of one type byte, a 4-byte big-endian
 * length and the payload. {@link #DATA} carries bytes as they are (terminal output and keystrokes, or RFB);
 * {@link #RESIZE} two 2-byte sizes (columns, rows; portal to agent); {@link #CLOSE} a UTF-8 reason, after which the
 * sender closes the connection.
 */
public final class ConsoleFrames {
    public static final byte DATA = 1;
    public static final byte RESIZE = 2;
    public static final byte CLOSE = 3;
    /** The most bytes in one frame; larger writes are split. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    /** One frame read. */
    public record Frame(byte type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int cols() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        public int rows() {
            return ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
        }
    }

    private ConsoleFrames() {}

    /** Writes bytes as one or more data frames and flushes. */
    public static void data(DataOutputStream out, byte[] b, int off, int len) throws IOException {
        synchronized (out) {
            do {
                int n = Math.min(len, MAX_PAYLOAD);
                out.writeByte(DATA);
                out.writeInt(n);
                out.write(b, off, n);
                off += n;
                len -= n;
            } while (len > 0);
            out.flush();
        }
    }

    public static void resize(DataOutputStream out, int cols, int rows) throws IOException {
        synchronized (out) {
            out.writeByte(RESIZE);
            out.writeInt(4);
            out.writeShort(cols);
            out.writeShort(rows);
            out.flush();
        }
    }

    public static void close(DataOutputStream out, String reason) throws IOException {
        byte[] b = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.writeByte(CLOSE);
            out.writeInt(b.length);
            out.write(b);
            out.flush();
        }
    }

    /** The next frame; {@link EOFException} at the end of the stream, {@link IOException} for a malformed one. */
    public static Frame read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        int len = in.readInt();
        if (type < DATA || type > CLOSE || len < 0 || len > MAX_PAYLOAD || (type == RESIZE && len != 4)) {
            throw new IOException("malformed console frame");
        }
        byte[] payload = in.readNBytes(len);
        if (payload.length < len) {
            throw new EOFException("console stream ended inside a frame");
        }
        return new Frame(type, payload);
    }
}
