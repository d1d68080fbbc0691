package io.zonedeck.demo;

import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.WorkloadImages;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.ImageRequest;
import io.zonedeck.nodes.NodeRegistration;
import io.zonedeck.nodes.NodeRegistry;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A real {@code linux} node next to the simulated ones ({@code zonedeck.demo.linux-node=true}, or
 * {@code ZONEDECK_DEMO_LINUX_NODE=true}; needs root): an agent in this JVM over the linux driver, registered as
 * {@value #NAME} over the same HTTP protocol as any remote node, and the driver's workload images in the catalogue
 * (linux-cpu-burner and friends), so a demo can cap a real process from the browser and watch the chart obey. Its
 * machines live on after the portal stops (the driver keeps them in {@code linux-state-dir}) and are re-adopted at
 * the next start. Its subnet is the demo's public network (10.88.0.0/24, the bridge holds its gateway .1), so the
 * address the portal assigns a machine there is the one it really has.
 */
@Component
@Profile("demo")
@Order(1)
class DemoLinuxNode implements ApplicationRunner {
    static final String NAME = "linux-1";
    private static final Logger log = LoggerFactory.getLogger(DemoLinuxNode.class);

    private final NodeRegistry nodes;
    private final CatalogService catalog;
    private final boolean enabled;
    private final String stateDir;
    private final String ipBase;
    private Agent agent;

    DemoLinuxNode(
            NodeRegistry nodes,
            CatalogService catalog,
            @Value("${zonedeck.demo.linux-node:false}") boolean enabled,
            @Value("${zonedeck.demo.linux-state-dir:./data/linux-node}") String stateDir,
            @Value("${zonedeck.demo.linux-ip-base:10.88.0}") String ipBase) {
        this.nodes = nodes;
        this.catalog = catalog;
        this.enabled = enabled;
        this.stateDir = stateDir;
        this.ipBase = ipBase;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            log.warn("zonedeck.demo.linux-node=true, but the linux node needs root (cgroups, namespaces, veth):"
                    + " starting without it");
            return;
        }
        String credential = DemoDatacenter.newCredential();
        try {
            agent = Agent.start(AgentConfig.sim(NAME, credential)
                    .withDriver("linux", stateDir)
                    .withIpBase(ipBase));
        } catch (RuntimeException e) {
            log.warn("no local linux node: {}", e.getMessage());
            return;
        }
        nodes.register(new NodeRegistration(NAME, agent.url(), credential, null, true));
        DemoDatacenter.asSystem(() -> {
            for (WorkloadImages.Image i : WorkloadImages.ALL) {
                catalog.importImage(i.uuid(), new ImageRequest(i.name(), "1", i.os(), List.of("joyent", "lx"), 16L));
            }
        });
        log.info(
                "local linux node {} is up on port {} (state in {}): its images are {}",
                NAME,
                agent.port(),
                stateDir,
                WorkloadImages.ALL.stream().map(WorkloadImages.Image::name).toList());
    }

    @PreDestroy
    void stop() {
        if (agent != null) {
            agent.close(); // the driver leaves its machines running; the next start re-adopts them
        }
    }
}
