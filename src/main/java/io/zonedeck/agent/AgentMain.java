package io.zonedeck.agent;

import io.zonedeck.agent.server.TokenHash;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the node agent:
 * {@code --driver sim|linux|smartos --port 9101 --node-id node-1 --token-sha256 HEX [--bind 127.0.0.1]
 * [--seed 42] [--cpus 16] [--ram-mib 65536] [--disk-gib 1024] [--ip-base 10.88.0] [--provision-seconds 4]
 * [--state-dir DIR] [--plain-http]}. The sim takes its size from the flags; linux and smartos read the host's.
 * The agent keeps only the SHA-256 of the token it accepts: {@code --token-sha256} or {@code
 * ZONEDECK_AGENT_TOKEN_SHA256} (what {@code sha256sum} prints for the token), or {@code --token} / {@code
 * ZONEDECK_AGENT_TOKEN}, hashed at once. It speaks HTTPS with a key pair and self-signed certificate made on first
 * start in {@code <state-dir>/tls} and prints the certificate's fingerprint for the operator to compare at
 * registration; {@code --plain-http} is for development only.
 */
public final class AgentMain {
    public static final String TOKEN_ENV = "ZONEDECK_AGENT_TOKEN";
    public static final String TOKEN_HASH_ENV = "ZONEDECK_AGENT_TOKEN_SHA256";
    static final String USAGE = "usage: agent --driver sim|linux|smartos --port PORT --node-id ID"
            + " --token-sha256 HEX|--token TOKEN [--bind 127.0.0.1] [--seed 42] [--cpus 16] [--ram-mib 65536]"
            + " [--disk-gib 1024] [--ip-base 10.88.0] [--provision-seconds 4] [--state-dir DIR] [--plain-http]"
            + "   (the token's hash may come from " + TOKEN_HASH_ENV + ", the token from " + TOKEN_ENV + ")";

    private AgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        AgentConfig cfg;
        try {
            cfg = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        Agent agent;
        try {
            agent = Agent.start(cfg);
        } catch (RuntimeException e) {
            System.err.println("agent: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            stopped.countDown();
                        },
                        "agent-shutdown"));
        System.out.println("zonedeck agent " + io.zonedeck.agent.server.AgentCore.AGENT_VERSION + " node "
                + agent.nodeId() + " driver " + cfg.driver() + " listening on " + (cfg.tls() ? "https" : "http")
                + "://" + cfg.bindAddress() + ":" + agent.port() + " (protocol v"
                + io.zonedeck.agent.api.AgentJson.PROTOCOL_VERSION + ")");
        System.out.println(agent.fingerprint()
                .map(f -> "certificate SHA-256 fingerprint: " + f
                        + "  (compare it with what the portal shows when you register this node)")
                .orElse("WARNING: plain HTTP (--plain-http): the token travels in clear; for development only"));
        stopped.await();
    }

    /** Parses the command line; throws IllegalArgumentException with a reason for bad arguments. */
    static AgentConfig parse(String[] args, Map<String, String> env) {
        AgentConfig d = AgentConfig.sim("x", "x");
        String driver = null;
        String nodeId = null;
        String token = env.get(TOKEN_ENV);
        String tokenHash = env.get(TOKEN_HASH_ENV);
        boolean tls = true;
        Integer port = null;
        String bind = d.bindAddress();
        long seed = d.seed();
        int cpus = d.cpus();
        long ram = d.ramMiB();
        long disk = d.diskGiB();
        String ipBase = d.ipBase();
        double provision = d.provisionSeconds();
        String stateDir = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--plain-http")) {
                tls = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String v = args[++i];
            switch (flag) {
                case "--driver" -> driver = v;
                case "--port" -> port = (int) number(flag, v);
                case "--node-id" -> nodeId = v;
                case "--token" -> token = v;
                case "--token-sha256" -> tokenHash = v;
                case "--bind" -> bind = v;
                case "--seed" -> seed = number(flag, v);
                case "--cpus" -> cpus = (int) number(flag, v);
                case "--ram-mib" -> ram = number(flag, v);
                case "--disk-gib" -> disk = number(flag, v);
                case "--ip-base" -> ipBase = v;
                case "--provision-seconds" -> provision = decimal(flag, v);
                case "--state-dir" -> stateDir = v;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (driver == null || port == null || nodeId == null) {
            throw new IllegalArgumentException("--driver, --port and --node-id are required");
        }
        TokenHash hash;
        if (tokenHash != null && !tokenHash.isBlank()) {
            hash = TokenHash.parse(tokenHash);
        } else if (token != null && !token.isEmpty()) {
            hash = TokenHash.of(token);
        } else {
            throw new IllegalArgumentException(
                    "--token-sha256 (or " + TOKEN_HASH_ENV + ") or --token (or " + TOKEN_ENV + ") is required");
        }
        return new AgentConfig(
                nodeId,
                hash,
                bind,
                port,
                driver,
                seed,
                cpus,
                ram,
                disk,
                ipBase,
                provision,
                d.bufferCapacity(),
                stateDir,
                tls);
    }

    private static long number(String flag, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + v);
        }
    }

    private static double decimal(String flag, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + v);
        }
    }

    private static void usage(PrintStream out, String reason) {
        out.println("agent: " + reason);
        out.println(USAGE);
    }
}
