package io.zonedeck.metering.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class UsageNav {
    @Bean
    NavEntry usageNavEntry() {
        return new NavEntry(30, "Usage", UsageView.class, VaadinIcon.CHART);
    }
}
