package io.zonedeck.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.TwoFactorService;
import io.zonedeck.security.ZoneDeckUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** A user who must use two-factor sign-in and has not set it up sees only their account page until they do. */
@Component
class TwoFactorEnrolmentGuard implements VaadinServiceInitListener {
    private final TwoFactorService twoFactor;
    private final CurrentCaller caller;

    TwoFactorEnrolmentGuard(TwoFactorService twoFactor, CurrentCaller caller) {
        this.twoFactor = twoFactor;
        this.caller = caller;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == AccountView.class
                || target == LoginView.class
                || !(SecurityContextHolder.getContext().getAuthentication() != null
                        && SecurityContextHolder.getContext()
                                        .getAuthentication()
                                        .getPrincipal()
                                instanceof ZoneDeckUser)) {
            return;
        }
        if (twoFactor.mustEnrol(caller.get().userId())) {
            event.forwardTo(AccountView.class);
        }
    }
}
