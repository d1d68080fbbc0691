package io.zonedeck.nodes;

import io.zonedeck.agent.api.ConsoleFrames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;

/**
 * An open console stream to an agent ({@link ConsoleFrames} after the ticket line): write keystrokes and sizes, read
 * what the machine prints until a close frame. Reads come from one thread, writes from any.
 */
public final class AgentConsole implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final boolean simulated;

    AgentConsole(Socket socket, String ticket, boolean simulated) throws IOException {
        this.socket = socket;
        this.simulated = simulated;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        synchronized (out) {
            out.write((ticket + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** True when the node's sim driver plays this console. */
    public boolean simulated() {
        return simulated;
    }

    public void send(byte[] data) throws IOException {
        ConsoleFrames.data(out, data, 0, data.length);
    }

    public void resize(int cols, int rows) throws IOException {
        ConsoleFrames.resize(out, cols, rows);
    }

    /** The next frame from the machine: data, or the close frame with the reason. */
    public ConsoleFrames.Frame read() throws IOException {
        return ConsoleFrames.read(in);
    }

    /** Says goodbye (best effort) and closes the connection. */
    @Override
    public void close() {
        try {
            ConsoleFrames.close(out, "closed by the portal");
        } catch (IOException e) {
            // the agent went away first
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
