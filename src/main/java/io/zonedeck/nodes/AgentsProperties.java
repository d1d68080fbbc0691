package io.zonedeck.nodes;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Remote agents registered at start-up: {@code zonedeck.agents[0].name}, {@code .url}, {@code .credential},
 * {@code .fingerprint} (the agent's certificate, as it printed it; optional: without it the first start pins what it
 * presents) (or ZONEDECK_AGENTS_0_NAME, ...). Operators can also register agents at run time. Each start
 * re-registers them as a replacement, which the agent must prove by presenting the pinned certificate.
 */
@ConfigurationProperties("zonedeck")
public record AgentsProperties(List<Agent> agents) {
    public record Agent(String name, String url, String credential, String fingerprint) {}

    public AgentsProperties {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
