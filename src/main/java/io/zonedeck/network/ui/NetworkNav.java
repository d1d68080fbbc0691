package io.zonedeck.network.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NetworkNav {
    @Bean
    NavEntry networksNavEntry() {
        return new NavEntry(42, "Networks", NetworksView.class, VaadinIcon.CONNECT);
    }
}
