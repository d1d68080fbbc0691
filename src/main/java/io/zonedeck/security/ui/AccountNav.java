package io.zonedeck.security.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AccountNav {
    @Bean
    NavEntry accountNavEntry() {
        return new NavEntry(90, "Account", AccountView.class, VaadinIcon.USER);
    }
}
