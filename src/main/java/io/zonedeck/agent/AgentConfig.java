package io.zonedeck.agent;

import io.zonedeck.agent.server.TokenHash;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run one node agent.
 *
 * @param driver "sim", "linux" or "smartos"
 * @param port 0 = any free port
 * @param ipBase first three octets of the sim driver's assigned addresses, e.g. "10.88.0"
 * @param provisionSeconds sim: total provisioning time; start/stop take a quarter of it, at most 1 s
 * @param bufferCapacity stream ring buffer entries
 * @param tokenHash the SHA-256 of the bearer token the agent accepts (the token itself is never kept)
 * @param stateDir where the agent keeps its TLS identity and the linux driver its machines' state (null =
 *     /var/lib/zonedeck/agent/NODE-ID)
 * @param tls HTTPS with the agent's own certificate (true), or plain HTTP (the portal's in-JVM demo agents)
 */
public record AgentConfig(
        String nodeId,
        TokenHash tokenHash,
        String bindAddress,
        int port,
        String driver,
        long seed,
        int cpus,
        long ramMiB,
        long diskGiB,
        String ipBase,
        double provisionSeconds,
        int bufferCapacity,
        String stateDir,
        boolean tls) {

    public AgentConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(driver, "driver");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("node id must not be empty");
        }
        Objects.requireNonNull(tokenHash, "token hash");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (cpus <= 0 || ramMiB <= 0 || diskGiB <= 0 || bufferCapacity <= 0 || provisionSeconds < 0) {
            throw new IllegalArgumentException("cpus, ram, disk and buffer capacity must be positive");
        }
    }

    /** A sim agent on loopback, ephemeral port, 16 CPUs, 64 GiB RAM, 1 TiB disk, 4 s provisioning. */
    public static AgentConfig sim(String nodeId, String token) {
        return new AgentConfig(
                nodeId,
                TokenHash.of(token),
                "127.0.0.1",
                0,
                "sim",
                42,
                16,
                65_536,
                1024,
                "10.88.0",
                4.0,
                8192,
                null,
                false);
    }

    /** The same agent over another driver ("linux", "smartos"), with its state dir (null = the driver's default). */
    public AgentConfig withDriver(String newDriver, String newStateDir) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                newDriver,
                seed,
                cpus,
                ramMiB,
                diskGiB,
                ipBase,
                provisionSeconds,
                bufferCapacity,
                newStateDir,
                tls);
    }

    /** The same agent over HTTPS with its own identity (true) or over plain HTTP (false). */
    public AgentConfig withTls(boolean newTls) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                driver,
                seed,
                cpus,
                ramMiB,
                diskGiB,
                ipBase,
                provisionSeconds,
                bufferCapacity,
                stateDir,
                newTls);
    }

    public AgentConfig withPort(int newPort) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                newPort,
                driver,
                seed,
                cpus,
                ramMiB,
                diskGiB,
                ipBase,
                provisionSeconds,
                bufferCapacity,
                stateDir,
                tls);
    }

    public AgentConfig withSeed(long newSeed) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                driver,
                newSeed,
                cpus,
                ramMiB,
                diskGiB,
                ipBase,
                provisionSeconds,
                bufferCapacity,
                stateDir,
                tls);
    }

    public AgentConfig withIpBase(String newIpBase) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                driver,
                seed,
                cpus,
                ramMiB,
                diskGiB,
                newIpBase,
                provisionSeconds,
                bufferCapacity,
                stateDir,
                tls);
    }

    public AgentConfig withProvisionSeconds(double seconds) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                driver,
                seed,
                cpus,
                ramMiB,
                diskGiB,
                ipBase,
                seconds,
                bufferCapacity,
                stateDir,
                tls);
    }

    public AgentConfig withResources(int newCpus, long newRamMiB, long newDiskGiB) {
        return new AgentConfig(
                nodeId,
                tokenHash,
                bindAddress,
                port,
                driver,
                seed,
                newCpus,
                newRamMiB,
                newDiskGiB,
                ipBase,
                provisionSeconds,
                bufferCapacity,
                stateDir,
                tls);
    }

    /** Where the agent keeps its state: the given dir or /var/lib/zonedeck/agent/NODE-ID. */
    public Path stateDirectory() {
        return stateDir == null ? Path.of("/var/lib/zonedeck/agent", nodeId) : Path.of(stateDir);
    }

    @Override
    public String toString() {
        return "AgentConfig[nodeId=" + nodeId + ", token=sha256:***, tls=" + tls + ", bind=" + bindAddress + ":" + port
                + ", driver="
                + driver + ", seed=" + seed + ", cpus=" + cpus + ", ramMiB=" + ramMiB + ", diskGiB=" + diskGiB
                + ", ipBase=" + ipBase + ", provisionSeconds=" + provisionSeconds + ", stateDir=" + stateDir + "]";
    }
}
