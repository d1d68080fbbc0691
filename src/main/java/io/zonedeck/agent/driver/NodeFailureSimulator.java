package io.zonedeck.agent.driver;

/**
 * A driver that can play a failed node (simulator only): while down, the node's VRRP routers are silent
 * and stopped, and the agent answers 503 NodeDown and records no samples.
 */
public interface NodeFailureSimulator {
    void setNodeDown(boolean down);

    boolean nodeDown();
}
