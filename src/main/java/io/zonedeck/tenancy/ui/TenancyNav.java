package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TenancyNav {
    @Bean
    NavEntry dashboardNavEntry() {
        return new NavEntry(5, "Dashboard", DashboardView.class, VaadinIcon.DASHBOARD);
    }

    @Bean
    NavEntry tenantsNavEntry() {
        return new NavEntry(50, "Tenants", TenantsView.class, VaadinIcon.OFFICE);
    }

    @Bean
    NavEntry usersNavEntry() {
        return new NavEntry(52, "Users", UsersView.class, VaadinIcon.USERS);
    }
}
