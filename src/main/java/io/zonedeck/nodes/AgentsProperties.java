package io.zonedeck.nodes;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Remote agents registered at start-up: {@code zonedeck.agents[0].name}, {@code .url}, {@code .credential}
 * (or ZONEDECK_AGENTS_0_NAME, ...). Operators can also register agents at run time.
 */
@ConfigurationProperties("zonedeck")
public record AgentsProperties(List<Agent> agents) {
    public record Agent(String name, String url, String credential) {}

    public AgentsProperties {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
