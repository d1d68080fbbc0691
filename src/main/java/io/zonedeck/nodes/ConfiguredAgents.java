package io.zonedeck.nodes;

import io.zonedeck.base.ZoneDeckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Registers the agents named in configuration; one that does not answer is reported, not fatal. */
@Component
@Order(1)
class ConfiguredAgents implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredAgents.class);
    private final AgentsProperties props;
    private final NodeRegistry registry;
    private final StreamIngest ingest;

    ConfiguredAgents(AgentsProperties props, NodeRegistry registry, StreamIngest ingest) {
        this.props = props;
        this.registry = registry;
        this.ingest = ingest;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (AgentsProperties.Agent a : props.agents()) {
            try {
                Node n = registry.register(
                        new NodeRegistration(a.name(), a.url(), a.credential(), a.fingerprint(), true));
                ingest.follow(n.id());
                log.info("registered configured agent {} at {}", a.name(), a.url());
            } catch (ZoneDeckException e) {
                log.warn("configured agent {} at {} not registered: {}", a.name(), a.url(), e.getMessage());
            }
        }
    }
}
