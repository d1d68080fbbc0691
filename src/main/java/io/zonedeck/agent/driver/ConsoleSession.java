package io.zonedeck.agent.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open console of one machine: bytes from the machine on {@link #output()} (EOF when it ends), keystrokes (or RFB
 * from the viewer) into {@link #input()}. The agent pumps both on threads of its own and closes the session at the
 * end, whichever side ends it.
 */
public interface ConsoleSession extends AutoCloseable {
    InputStream output();

    OutputStream input();

    /** A terminal's new size; ignored by VNC. */
    default void resize(int cols, int rows) throws IOException {}

    /** Why the console ended, once {@link #output()} reached its end; null when the shell just exited. */
    default String endReason() {
        return null;
    }

    @Override
    void close();
}
