package io.zonedeck.failover.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FailoverNav {
    @Bean
    NavEntry failoverNavEntry() {
        return new NavEntry(15, "Failover pairs", FailoverPairsView.class, VaadinIcon.EXCHANGE);
    }
}
