package io.zonedeck.console;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The console WebSocket on the portal's own port (so it works behind HAProxy): {@code /console/ws} for the UI (its
 * session cookie), {@code /api/v1/console/ws} for scripts (their token). Same-origin only for browsers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleWebSocketConfig implements WebSocketConfigurer {
    private final ConsoleRelay relay;

    ConsoleWebSocketConfig(ConsoleRelay relay) {
        this.relay = relay;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(relay, "/" + ConsoleService.UI_PATH, "/" + ConsoleService.API_PATH)
                .addInterceptors(new HttpSessionHandshakeInterceptor());
    }

    /**
     * Tomcat's WebSocket buffers, allocated per open console: binary messages (keystrokes, pastes, RFB) up to 64 KiB
     * (the terminal sends a paste in 16 KiB pieces), text messages (resizes) up to 4 KiB. Nothing to set where there
     * is no Tomcat, as in the browserless view tests.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> consoleMessageBuffers() {
        return factory -> factory.addContextCustomizers(context -> {
            context.addParameter("org.apache.tomcat.websocket.binaryBufferSize", String.valueOf(64 * 1024));
            context.addParameter("org.apache.tomcat.websocket.textBufferSize", String.valueOf(4 * 1024));
        });
    }
}
