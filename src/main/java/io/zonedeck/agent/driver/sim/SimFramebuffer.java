package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.driver.BytePipe;
import io.zonedeck.agent.driver.ConsoleSession;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sim driver's VNC console of a hardware VM: an RFB 3.8 server (security type None: the portal's ticket and the
 * agent's console ticket already decided who may look) drawing a text boot screen with a clock and echoing what is
 * typed at its login prompt. Raw encoding in whatever true-colour pixel format the viewer asks for.
 */
final class SimFramebuffer implements ConsoleSession {
    static final int COLS = 80;
    static final int ROWS = 25;
    private static final int SCALE = 2;
    private static final int CELL_W = (Font5x7.WIDTH + 1) * SCALE;
    private static final int CELL_H = (Font5x7.HEIGHT + 3) * SCALE;
    static final int WIDTH = COLS * CELL_W;
    static final int HEIGHT = ROWS * CELL_H;
    private static final int FG = 0xc0c0c0;
    private static final int ACCENT = 0x55ff55;
    private static final int BG = 0x000000;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final BytePipe toViewer = new BytePipe();
    private final BytePipe fromViewer = new BytePipe();
    private final Clock clock;
    private final String alias;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder typed = new StringBuilder();
    private final Thread server;
    private PixelFormat format = PixelFormat.DEFAULT;
    private boolean pendingRequest;
    private String shownClock = "";
    private volatile boolean closed;

    SimFramebuffer(MachineInfo m, Clock clock) {
        this.clock = clock;
        this.alias = m.alias() == null ? m.uuid().toString().substring(0, 8) : m.alias();
        lines.add("SEABIOS (VERSION 1.16.3-ZONEDECK-SIM)");
        lines.add("");
        lines.add("BOOTING FROM HARD DISK...");
        lines.add("");
        lines.add("GUEST " + alias + " (" + m.brand() + ")  VCPUS " + (m.vcpus() == null ? 1 : m.vcpus()) + "  RAM "
                + (m.ram() == null ? m.maxPhysicalMemory() : m.ram()) + " MB");
        lines.add("UUID " + m.uuid());
        lines.add("");
        lines.add("ZONEDECK SIMULATED VNC CONSOLE - NO REAL VM RUNS HERE");
        lines.add("");
        lines.add(alias + " LOGIN: ");
        this.server = new Thread(this::serve, "sim-vnc-" + alias);
        server.setDaemon(true);
        server.start();
    }

    @Override
    public InputStream output() {
        return toViewer;
    }

    @Override
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                fromViewer.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                byte[] copy = new byte[len];
                System.arraycopy(b, off, copy, 0, len);
                fromViewer.write(copy);
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        fromViewer.end();
        toViewer.end();
        server.interrupt();
    }

    private void serve() {
        Thread ticker = new Thread(this::tick, "sim-vnc-clock-" + alias);
        ticker.setDaemon(true);
        ticker.start();
        try (DataInputStream in = new DataInputStream(fromViewer)) {
            handshake(in);
            while (!closed) {
                message(in);
            }
        } catch (EOFException e) {
            // the viewer went away
        } catch (IOException e) {
            // malformed RFB from the viewer: the session ends
        } finally {
            ticker.interrupt();
            toViewer.end();
        }
    }

    private void handshake(DataInputStream in) throws IOException {
        send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        byte[] version = in.readNBytes(12);
        if (version.length < 12 || !new String(version, StandardCharsets.US_ASCII).startsWith("RFB 003.")) {
            throw new IOException("not an RFB viewer");
        }
        boolean v33 = new String(version, StandardCharsets.US_ASCII).startsWith("RFB 003.003");
        if (v33) {
            send(new byte[] {0, 0, 0, 1});
        } else {
            send(new byte[] {1, 1});
            if (in.readUnsignedByte() != 1) {
                throw new IOException("viewer chose a security type not offered");
            }
            send(new byte[] {0, 0, 0, 0});
        }
        in.readUnsignedByte(); // ClientInit: shared flag
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeShort(WIDTH);
        d.writeShort(HEIGHT);
        PixelFormat.DEFAULT.write(d);
        byte[] name = (alias + " (simulated)").getBytes(StandardCharsets.UTF_8);
        d.writeInt(name.length);
        d.write(name);
        send(b.toByteArray());
    }

    private void message(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0 -> {
                in.readNBytes(3);
                byte[] pf = in.readNBytes(16);
                synchronized (this) {
                    format = PixelFormat.read(pf);
                }
            }
            case 2 -> {
                in.readUnsignedByte();
                int n = in.readUnsignedShort();
                in.readNBytes(4 * n);
            }
            case 3 -> {
                boolean incremental = in.readUnsignedByte() != 0;
                in.readNBytes(8);
                synchronized (this) {
                    if (incremental) {
                        pendingRequest = true;
                    } else {
                        sendFrame(0, ROWS);
                    }
                }
            }
            case 4 -> {
                boolean down = in.readUnsignedByte() != 0;
                in.readNBytes(2);
                key(down, in.readInt());
            }
            case 5 -> in.readNBytes(5);
            case 6 -> {
                in.readNBytes(3);
                int len = in.readInt();
                if (len < 0 || len > 1 << 20) {
                    throw new IOException("clipboard too large");
                }
                in.readNBytes(len);
            }
            default -> throw new IOException("RFB message " + type + " not supported");
        }
    }

    private synchronized void key(boolean down, int keysym) throws IOException {
        if (!down) {
            return;
        }
        int row = lines.size() - 1;
        if (keysym == 0xff0d) { // Return
            lines.add(alias + " LOGIN: ");
            typed.setLength(0);
            while (lines.size() > ROWS - 2) {
                lines.remove(0);
            }
            redraw(0, ROWS);
            return;
        }
        if (keysym == 0xff08 && typed.length() > 0) { // BackSpace
            typed.setLength(typed.length() - 1);
        } else if (keysym >= 0x20 && keysym <= 0x7e && typed.length() < 40) {
            typed.append((char) keysym);
        } else {
            return;
        }
        lines.set(row, alias + " LOGIN: " + typed);
        redraw(row, row + 1);
    }

    private void tick() {
        try {
            while (!closed) {
                Thread.sleep(1000);
                synchronized (this) {
                    redraw(ROWS - 1, ROWS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // session over
        }
    }

    /** Sends rows [from, to) now if the viewer asked for an update; else they go with the next full frame. */
    private void redraw(int from, int to) throws IOException {
        if (pendingRequest) {
            pendingRequest = false;
            sendFrame(from, to);
        }
    }

    private void sendFrame(int fromRow, int toRow) throws IOException {
        int y0 = fromRow * CELL_H;
        int h = (toRow - fromRow) * CELL_H;
        int bytes = format.bytesPerPixel();
        ByteArrayOutputStream b = new ByteArrayOutputStream(16 + WIDTH * h * bytes);
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(0);
        d.writeByte(0);
        d.writeShort(1);
        d.writeShort(0);
        d.writeShort(y0);
        d.writeShort(WIDTH);
        d.writeShort(h);
        d.writeInt(0); // raw
        shownClock = CLOCK.format(clock.instant());
        byte[] row = new byte[WIDTH * bytes];
        for (int y = y0; y < y0 + h; y++) {
            for (int x = 0; x < WIDTH; x++) {
                format.put(row, x * bytes, pixel(x, y));
            }
            d.write(row);
        }
        send(b.toByteArray());
    }

    private int pixel(int x, int y) {
        int col = x / CELL_W;
        int r = y / CELL_H;
        int gx = (x % CELL_W) / SCALE;
        int gy = (y % CELL_H) / SCALE - 1;
        String text = r == ROWS - 1 ? statusLine() : r < lines.size() ? lines.get(r) : "";
        if (gy < 0 || gy >= Font5x7.HEIGHT || gx >= Font5x7.WIDTH || col >= text.length()) {
            boolean cursor = r == lines.size() - 1 && col == text.length() && gy == Font5x7.HEIGHT;
            return cursor ? FG : BG;
        }
        return Font5x7.pixel(text.charAt(col), gx, gy) ? (r == ROWS - 1 || r == 7 ? ACCENT : FG) : BG;
    }

    private String statusLine() {
        String left = "ZONEDECK SIM  " + alias.toUpperCase(Locale.ROOT);
        String right = CLOCK.format(clock.instant()) + " UTC";
        return left + " ".repeat(Math.max(1, COLS - left.length() - right.length())) + right;
    }

    private void send(byte[] b) {
        if (!closed) {
            toViewer.write(b);
        }
    }

    /** An RFB pixel format (true colour only). */
    private record PixelFormat(
            int bitsPerPixel,
            boolean bigEndian,
            int redMax,
            int greenMax,
            int blueMax,
            int redShift,
            int greenShift,
            int blueShift) {
        static final PixelFormat DEFAULT = new PixelFormat(32, false, 255, 255, 255, 16, 8, 0);

        static PixelFormat read(byte[] b) throws IOException {
            int bpp = b[0] & 0xff;
            if ((bpp != 8 && bpp != 16 && bpp != 32) || b[3] == 0) {
                throw new IOException("only true-colour pixel formats of 8, 16 or 32 bits");
            }
            return new PixelFormat(
                    bpp,
                    b[2] != 0,
                    ((b[4] & 0xff) << 8) | (b[5] & 0xff),
                    ((b[6] & 0xff) << 8) | (b[7] & 0xff),
                    ((b[8] & 0xff) << 8) | (b[9] & 0xff),
                    b[10] & 0xff,
                    b[11] & 0xff,
                    b[12] & 0xff);
        }

        void write(DataOutputStream d) throws IOException {
            d.writeByte(bitsPerPixel);
            d.writeByte(24);
            d.writeByte(bigEndian ? 1 : 0);
            d.writeByte(1);
            d.writeShort(redMax);
            d.writeShort(greenMax);
            d.writeShort(blueMax);
            d.writeByte(redShift);
            d.writeByte(greenShift);
            d.writeByte(blueShift);
            d.write(new byte[3]);
        }

        int bytesPerPixel() {
            return bitsPerPixel / 8;
        }

        void put(byte[] out, int at, int rgb) {
            long v = ((long) (((rgb >> 16) & 0xff) * redMax / 255) << redShift)
                    | ((long) (((rgb >> 8) & 0xff) * greenMax / 255) << greenShift)
                    | ((long) ((rgb & 0xff) * blueMax / 255) << blueShift);
            int n = bytesPerPixel();
            for (int i = 0; i < n; i++) {
                int shift = bigEndian ? (n - 1 - i) * 8 : i * 8;
                out[at + i] = (byte) (v >> shift);
            }
        }
    }
}
