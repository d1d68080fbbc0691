package io.zonedeck.agent.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A console that is a TCP connection to a VNC server on the node (a hardware VM's framebuffer, as {@code vmadm info
 * UUID vnc} names it): RFB passes through unchanged, so the viewer speaks to the VM's own VNC server.
 */
public final class SocketConsole implements ConsoleSession {
    private final Socket socket;

    private SocketConsole(Socket socket) {
        this.socket = socket;
    }

    /** Connects within 3 s; OperationFailed when the VNC server does not answer. */
    public static SocketConsole connect(InetSocketAddress address) throws DriverException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, 3000);
            return new SocketConsole(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "the VNC server of the machine does not answer: " + e.getMessage());
        }
    }

    @Override
    public InputStream output() {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    @Override
    public OutputStream input() {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    @Override
    public String endReason() {
        return "the VM's VNC server closed the connection";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
