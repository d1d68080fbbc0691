package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NodesNav {
    @Bean
    NavEntry nodesNavEntry() {
        return new NavEntry(20, "Nodes", NodesView.class, VaadinIcon.CLUSTER);
    }
}
