package io.zonedeck.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import io.zonedeck.security.Caller;
import io.zonedeck.security.SignInRevoked;
import io.zonedeck.security.UserService;
import io.zonedeck.security.ZoneDeckUser;
import jakarta.annotation.PreDestroy;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The signed-in UI sessions by user, so that a revoked sign-in ends them: every UI of the session is sent to the login
 * page (server push), and a moment later the HTTP session is invalidated (not at once: the push must leave first). A
 * UI opened by a user who is no longer active (disabled elsewhere, or their tenant) is ended the same way.
 */
@Component
public class OpenSessions implements VaadinServiceInitListener {
    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);
    /** How long the redirect has to reach the browser before the session is invalidated. */
    static final long INVALIDATE_AFTER_MILLIS = 1500;

    private record Entry(Caller caller, String loginUrl) {}

    private final Map<VaadinSession, Entry> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-end");
        t.setDaemon(true);
        return t;
    });
    private final UserService users;

    OpenSessions(UserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> track(e.getUI()));
        event.getSource().addSessionDestroyListener(e -> sessions.remove(e.getSession()));
    }

    private void track(UI ui) {
        VaadinRequest request = VaadinRequest.getCurrent();
        Principal principal = request == null ? null : request.getUserPrincipal();
        if (!(principal instanceof Authentication auth) || !(auth.getPrincipal() instanceof ZoneDeckUser user)) {
            return;
        }
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        VaadinSession session = ui.getSession();
        sessions.put(session, new Entry(user.caller(), contextPath + "/login"));
        if (!users.isActive(user.getUsername())) {
            end(session);
        }
    }

    /** Number of tracked sessions of a user (tests). */
    public long sessionsOf(String username) {
        return sessions.values().stream()
                .filter(e -> e.caller().username().equals(username))
                .count();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SignInRevoked revoked) {
        List<VaadinSession> ending = sessions.entrySet().stream()
                .filter(e -> revoked.covers(e.getValue().caller()))
                .map(Map.Entry::getKey)
                .toList();
        ending.forEach(this::end);
        if (!ending.isEmpty()) {
            log.info("ended {} UI session(s) of {}", ending.size(), revoked);
        }
    }

    /**
     * Sign-ins revoked on another portal instance (a user or tenant disabled there): every two seconds, the users
     * of this instance's sessions are looked up again, and the sessions of those no longer active end.
     */
    @Scheduled(fixedDelay = 2000, initialDelay = 2000)
    void endRevokedElsewhere() {
        java.util.Set<String> names =
                sessions.values().stream().map(e -> e.caller().username()).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> revoked;
        try {
            revoked = names.stream().filter(n -> !users.isActive(n)).collect(java.util.stream.Collectors.toSet());
        } catch (org.springframework.dao.DataAccessException e) {
            return; // the database is away: look again later
        }
        if (revoked.isEmpty()) {
            return;
        }
        List<VaadinSession> ending = sessions.entrySet().stream()
                .filter(e -> revoked.contains(e.getValue().caller().username()))
                .map(Map.Entry::getKey)
                .toList();
        ending.forEach(this::end);
        log.info("ended {} UI session(s) of users no longer active: {}", ending.size(), revoked);
    }

    private void end(VaadinSession session) {
        Entry entry = sessions.remove(session);
        if (entry == null) {
            return;
        }
        try {
            session.access(() -> session.getUIs().forEach(ui -> ui.getPage().setLocation(entry.loginUrl())));
        } catch (RuntimeException e) {
            log.debug("session already gone: {}", e.toString());
        }
        later.schedule(() -> invalidate(session), INVALIDATE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void invalidate(VaadinSession session) {
        try {
            session.access(() -> {
                WrappedSession http = session.getSession();
                if (http != null) {
                    http.invalidate();
                }
            });
        } catch (RuntimeException e) {
            log.debug("session already gone: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }
}
