package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ConsoleFrames;
import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.api.ConsoleOffer;
import io.zonedeck.agent.api.ConsoleRequest;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.ConsoleSession;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The agent's console listener. The portal asks for a console over the authenticated API ({@link #offer}) and gets a
 * one-shot ticket for this port; it connects (TLS with the API's certificate when the agent has one), sends the
 * ticket and a newline, and the two sides exchange {@link ConsoleFrames}. The console ends when either side closes,
 * the shell exits or the machine stops; the last frame then says why.
 */
public final class ConsoleServer implements AutoCloseable {
    static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);
    static final int MAX_OPEN = 64;
    private static final int MAX_PENDING = 256;
    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());

    private final Driver driver;
    private final Clock clock;
    private final ServerSocket listener;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService watch;
    private final Thread acceptor;

    private record Pending(UUID machine, ConsoleKind kind, int cols, int rows, Instant expires) {}

    /** Binds {@code bind} (port 0 = any free port) with TLS when {@code tls} is given; accepts at once. */
    public ConsoleServer(Driver driver, Clock clock, InetSocketAddress bind, SSLContext tls, String nodeId)
            throws IOException {
        this.driver = driver;
        this.clock = clock;
        ServerSocket s =
                tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        if (s instanceof SSLServerSocket ssl) {
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        }
        s.setReuseAddress(true);
        s.bind(bind, 64);
        this.listener = s;
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-console-watch-" + nodeId));
        this.acceptor = daemon(this::accept, "agent-console-" + nodeId);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The number of consoles open now. */
    public int openCount() {
        return open.get();
    }

    /** A ticket for a console of a running machine: 404, 409 (not running) or 422 (no such kind for its brand). */
    ConsoleOffer offer(UUID uuid, ConsoleRequest request) {
        if (request == null || request.kind() == null) {
            throw ApiException.of(422, "Invalid", "kind must be shell, serial or vnc");
        }
        if (request.kind().terminal()
                && (request.cols() < 1 || request.cols() > 1000 || request.rows() < 1 || request.rows() > 1000)) {
            throw ApiException.of(422, "Invalid", "cols and rows must be 1..1000");
        }
        MachineInfo m = driver.get(uuid).orElseThrow(() -> ApiException.of(404, "NotFound", "no machine " + uuid));
        if (!ConsoleKind.of(m.brand()).contains(request.kind())) {
            throw ApiException.of(
                    422,
                    "Invalid",
                    m.brand() + " machines have no " + request.kind().wire() + " console");
        }
        if (m.state() != MachineState.RUNNING) {
            throw ApiException.of(
                    409, "InvalidState", "machine " + uuid + " is " + m.state().wire());
        }
        if (open.get() >= MAX_OPEN) {
            throw ApiException.of(503, "Unavailable", "this node has " + MAX_OPEN + " consoles open already");
        }
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            throw ApiException.of(503, "Unavailable", "too many console tickets pending");
        }
        byte[] b = new byte[32];
        random.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        pending.put(
                ticket, new Pending(uuid, request.kind(), request.cols(), request.rows(), now.plus(TICKET_LIFETIME)));
        return new ConsoleOffer(port(), ticket, (int) TICKET_LIFETIME.toSeconds(), driver.simulatedConsole());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                daemon(() -> serve(socket), "agent-console-conn").start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "console accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            Optional<Pending> p = redeem(readLine(in));
            if (p.isEmpty()) {
                ConsoleFrames.close(out, "console ticket invalid, used or expired");
                return;
            }
            if (open.incrementAndGet() > MAX_OPEN) {
                open.decrementAndGet();
                ConsoleFrames.close(out, "this node has " + MAX_OPEN + " consoles open already");
                return;
            }
            try {
                socket.setSoTimeout(0);
                attach(p.get(), in, out);
            } finally {
                open.decrementAndGet();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "console connection ended: " + e.getMessage());
        }
    }

    private Optional<Pending> redeem(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        Pending p = pending.remove(ticket);
        return p == null || p.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(p);
    }

    private void attach(Pending p, DataInputStream in, DataOutputStream out) throws IOException {
        ConsoleSession session;
        try {
            session = driver.openConsole(p.machine(), p.kind(), p.cols(), p.rows());
        } catch (DriverException e) {
            String why = e.code().equals(DriverException.INVALID_STATE) ? whyNotRunning(p.machine()) : null;
            ConsoleFrames.close(out, why != null ? why : e.getMessage());
            return;
        }
        String[] reason = {null};
        ScheduledFuture<?> watcher = watch.scheduleWithFixedDelay(
                () -> {
                    String why = whyNotRunning(p.machine());
                    if (why != null) {
                        reason[0] = why;
                        session.close();
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        Thread fromMachine = daemon(() -> pumpOut(session, out, reason), "agent-console-out");
        fromMachine.start();
        try (session) {
            OutputStream toMachine = session.input();
            while (true) {
                ConsoleFrames.Frame f = ConsoleFrames.read(in);
                if (f.type() == ConsoleFrames.DATA) {
                    toMachine.write(f.payload());
                    toMachine.flush();
                } else if (f.type() == ConsoleFrames.RESIZE) {
                    session.resize(f.cols(), f.rows());
                } else {
                    break;
                }
            }
        } catch (EOFException | SocketException e) {
            // the portal closed the console
        } finally {
            watcher.cancel(false);
        }
        try {
            fromMachine.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOut(ConsoleSession session, DataOutputStream out, String[] reason) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream from = session.output();
            int n;
            while ((n = from.read(buf)) >= 0) {
                if (n > 0) {
                    ConsoleFrames.data(out, buf, 0, n);
                }
            }
            String why = reason[0] != null ? reason[0] : session.endReason();
            ConsoleFrames.close(out, why == null ? "the session ended" : why);
        } catch (IOException e) {
            // the portal went away
        }
    }

    /** Null while the machine runs; else what the console says as it closes. */
    private String whyNotRunning(UUID uuid) {
        Optional<MachineInfo> m = driver.get(uuid);
        if (m.isEmpty()) {
            return "the machine was deleted";
        }
        MachineState state = m.get().state();
        if (state == MachineState.RUNNING) {
            return null;
        }
        return state == MachineState.STOPPED || state == MachineState.STOPPING
                ? "the machine stopped"
                : "the machine is " + state.wire();
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] b = new byte[128];
        int n = 0;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (n == b.length) {
                return null;
            }
            b[n++] = (byte) c;
        }
        return c < 0 ? null : new String(b, 0, n, StandardCharsets.US_ASCII).trim();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        watch.shutdownNow();
    }

    /** The console port for an agent API on {@code apiPort}: the next port, or any free one when the API's is. */
    public static InetSocketAddress bindFor(InetAddress address, int apiPort) {
        return new InetSocketAddress(address, apiPort == 0 ? 0 : apiPort + 1);
    }
}
