package io.zonedeck.audit.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AuditNav {
    @Bean
    NavEntry auditNavEntry() {
        return new NavEntry(90, "Audit log", AuditView.class, VaadinIcon.RECORDS);
    }
}
