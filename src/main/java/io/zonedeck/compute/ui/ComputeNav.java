package io.zonedeck.compute.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ComputeNav {
    @Bean
    NavEntry machinesNavEntry() {
        return new NavEntry(10, "Machines", MachinesView.class, VaadinIcon.SERVER);
    }

    @Bean
    NavEntry jobsNavEntry() {
        return new NavEntry(12, "Jobs", JobsView.class, VaadinIcon.TASKS);
    }
}
