package io.zonedeck.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A Spring integration test that calls the portal's REST API. Several Spring contexts share the failsafe JVM and
 * each installs its own (Vaadin-aware) strategy in the static holder, so every test first re-installs this
 * context's one: method security reads it.
 */
public abstract class RestTestBase {
    @LocalServerPort
    protected int port;

    @Autowired
    protected SecurityContextHolderStrategy securityStrategy;

    protected Api api;

    @BeforeEach
    protected void useThisContext() {
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
        api = new Api(port);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }
}
