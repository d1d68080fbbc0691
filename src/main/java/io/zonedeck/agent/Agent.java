package io.zonedeck.agent;

import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.linux.LinuxDriver;
import io.zonedeck.agent.driver.linux.LinuxSettings;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import io.zonedeck.agent.driver.smartos.ProcessCommandRunner;
import io.zonedeck.agent.driver.smartos.SmartOsDriver;
import io.zonedeck.agent.server.AgentCore;
import io.zonedeck.agent.server.AgentServer;
import io.zonedeck.agent.server.RingBuffer;
import io.zonedeck.agent.tls.AgentIdentity;
import io.zonedeck.agent.vrrp.SimLan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A running node agent: driver, core and HTTP server wired together. Close it to stop. */
public final class Agent implements AutoCloseable {
    private final Driver driver;
    private final AgentCore core;
    private final AgentServer server;
    private final ScheduledExecutorService ticker;
    private final AgentIdentity identity;

    private Agent(
            Driver driver,
            AgentCore core,
            AgentServer server,
            ScheduledExecutorService ticker,
            AgentIdentity identity) {
        this.driver = driver;
        this.core = core;
        this.server = server;
        this.ticker = ticker;
        this.identity = identity;
    }

    /**
     * Starts an agent: binds the port, begins ticking once per second and serves protocol v1.
     *
     * @throws IllegalArgumentException for a driver not in this build
     * @throws IllegalStateException when the driver cannot run on this host (linux without root, smartos off
     *     SmartOS), with the reason
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static Agent start(AgentConfig cfg) {
        return start(cfg, new SimLan());
    }

    /**
     * Starts an agent whose sim driver puts its VRRP routers on {@code lan}: give all sim agents of one
     * demo datacenter (in one JVM) the same LAN so their routers hear each other.
     */
    public static Agent start(AgentConfig cfg, SimLan lan) {
        return start(cfg, createDriver(cfg, lan));
    }

    /**
     * Starts an agent over a driver made by the caller (tests; a driver configured beyond {@link AgentConfig}).
     * The agent owns the driver from here on and closes it.
     */
    public static Agent start(AgentConfig cfg, Driver driver) {
        AgentIdentity identity;
        try {
            identity =
                    cfg.tls() ? AgentIdentity.loadOrCreate(cfg.stateDirectory().resolve("tls"), cfg.nodeId()) : null;
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        return start(cfg, driver, identity);
    }

    /**
     * Starts an agent over HTTPS with the given identity (tests: {@link AgentIdentity#ephemeral}), or over plain
     * HTTP when it is null, whatever {@code cfg.tls()} says.
     */
    public static Agent start(AgentConfig cfg, Driver driver, AgentIdentity identity) {
        Clock clock = Clock.systemUTC();
        ExecutorService operations = Executors.newCachedThreadPool(daemon("agent-op-" + cfg.nodeId()));
        AgentCore core = new AgentCore(cfg.nodeId(), driver, new RingBuffer(cfg.bufferCapacity()), clock, operations);
        AgentServer server;
        try {
            server = new AgentServer(
                    core, cfg.tokenHash(), new InetSocketAddress(cfg.bindAddress(), cfg.port()), identity);
        } catch (IOException e) {
            core.close();
            driver.close();
            throw new UncheckedIOException("cannot bind " + cfg.bindAddress() + ":" + cfg.port(), e);
        }
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(daemon("agent-tick-" + cfg.nodeId()));
        core.startTicking(ticker);
        server.start();
        return new Agent(driver, core, server, ticker, identity);
    }

    private static Driver createDriver(AgentConfig cfg, SimLan lan) {
        return switch (cfg.driver()) {
            case "sim" ->
                new SimDriver(
                        cfg.seed(),
                        new NodeResources(cfg.nodeId(), cfg.cpus(), cfg.ramMiB(), cfg.diskGiB(), SimDriver.BRANDS),
                        Clock.systemUTC(),
                        Sleeper.SYSTEM,
                        SimSettings.scaled(cfg.provisionSeconds(), cfg.ipBase()),
                        lan);
            case "linux" -> {
                LinuxDriver linux = LinuxDriver.open(linuxSettings(cfg));
                linux.enableHostFeatures();
                yield linux;
            }
            case "smartos" -> {
                try {
                    yield SmartOsDriver.open(cfg.nodeId(), new ProcessCommandRunner());
                } catch (DriverException e) {
                    throw new IllegalStateException("the smartos driver cannot start here: " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("driver " + cfg.driver() + " not available in this build");
        };
    }

    /**
     * The linux driver's settings: the config's state dir (or /var/lib/zonedeck/agent/NODE-ID) and its ipBase, on a
     * bridge named after the ipBase, so that two linux nodes on one host (the demo's and a test's) never share one.
     */
    static LinuxSettings linuxSettings(AgentConfig cfg) {
        String[] octets = cfg.ipBase().split("\\.");
        StringBuilder bridge = new StringBuilder("zd-");
        for (String o : octets) {
            bridge.append(String.format("%02x", Integer.parseInt(o) & 0xff));
        }
        return new LinuxSettings(
                cfg.nodeId(),
                cfg.stateDir() == null ? null : Path.of(cfg.stateDir()),
                bridge.toString(),
                cfg.ipBase(),
                null,
                null);
    }

    public int port() {
        return server.port();
    }

    /** The fingerprint of the certificate the agent presents; empty over plain HTTP. */
    public java.util.Optional<io.zonedeck.agent.api.Fingerprint> fingerprint() {
        return java.util.Optional.ofNullable(identity).map(AgentIdentity::fingerprint);
    }

    /** {@code https://host:port} or {@code http://host:port} for a client on this host. */
    public String url() {
        return (identity == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    public String nodeId() {
        return core.nodeId();
    }

    public Driver driver() {
        return driver;
    }

    /** The sim driver, e.g. to seed machines with {@link SimDriver#createImmediately}. */
    public SimDriver simDriver() {
        if (driver instanceof SimDriver sim) {
            return sim;
        }
        throw new IllegalStateException("driver is " + driver.name() + ", not sim");
    }

    public AgentCore core() {
        return core;
    }

    /** The LAN of the sim driver's VRRP routers. */
    public SimLan simLan() {
        return simDriver().simLan();
    }

    /**
     * Plays a failed node (sim only): 503 NodeDown on every endpoint but /v1/sim/*, silent and stopped VRRP
     * routers, no samples. {@code false} recovers it.
     */
    public void setNodeDown(boolean down) {
        core.setNodeDown(down);
    }

    @Override
    public void close() {
        server.close();
        core.close();
        ticker.shutdownNow();
        driver.close();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
