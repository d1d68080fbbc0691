package io.zonedeck.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.zonedeck.base.ZoneDeckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * No stack trace ever reaches a user: a refusal shows its message, anything unexpected a short apology; both
 * are logged on the server.
 */
@Component
class FriendlyErrors implements VaadinServiceInitListener {
    private static final Logger log = LoggerFactory.getLogger(FriendlyErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
                    Throwable t = error.getThrowable();
                    while (t.getCause() != null && !(t instanceof ZoneDeckException)) {
                        t = t.getCause();
                    }
                    String message;
                    if (t instanceof ZoneDeckException z) {
                        message = z.getMessage();
                        log.info("refused in UI: {}", message);
                    } else {
                        message = "Something went wrong on our side. Please try again.";
                        log.error("unexpected UI error", error.getThrowable());
                    }
                    UI ui = UI.getCurrent();
                    if (ui != null) {
                        ui.access(() -> {
                            Notification n = Notification.show(message, 5000, Notification.Position.MIDDLE);
                            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
                        });
                    }
                }));
    }
}
