package io.zonedeck.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * zonedeck.demo.*: number of sim nodes and seeded machines, sim provisioning time, workload seed and the first
 * agent port (0 = any free port).
 */
@ConfigurationProperties("zonedeck.demo")
record DemoProperties(
        boolean enabled, int nodes, int machines, double provisionSeconds, long seed, int agentBasePort) {}
