package io.zonedeck.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * zonedeck.demo.*: number of sim nodes and seeded machines, sim provisioning time, workload seed and the first
 * agent port (0 = any free port); {@code simVnc} ({@code host:port}, optional) puts a real VNC server behind every
 * sim hardware VM's console instead of the simulated boot screen (a VM's screen in a demo, and the test that proves
 * noVNC against a real server).
 */
@ConfigurationProperties("zonedeck.demo")
record DemoProperties(
        boolean enabled,
        int nodes,
        int machines,
        double provisionSeconds,
        long seed,
        int agentBasePort,
        String simVnc) {}
