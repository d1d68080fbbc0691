package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class MetricsNav {
    @Bean
    NavEntry datacenterNavEntry() {
        return new NavEntry(18, "Datacenter", OverviewView.class, VaadinIcon.GRID_BIG);
    }

    @Bean
    NavEntry analyticsNavEntry() {
        return new NavEntry(32, "Analytics", AnalyticsView.class, VaadinIcon.CHART_LINE);
    }
}
