package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.zonedeck.base.ui.NavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CatalogNav {
    @Bean
    NavEntry packagesNavEntry() {
        return new NavEntry(40, "Packages", PackagesView.class, VaadinIcon.PACKAGE);
    }

    @Bean
    NavEntry imagesNavEntry() {
        return new NavEntry(41, "Images", ImagesView.class, VaadinIcon.DISC);
    }
}
