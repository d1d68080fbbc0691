package io.zonedeck.base;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class BaseConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PortalInstance portalInstance() {
        return PortalInstance.ofThisProcess();
    }
}
