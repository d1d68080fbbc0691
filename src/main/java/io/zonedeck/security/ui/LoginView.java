package io.zonedeck.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.csrf.CsrfToken;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · ZoneDeck")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm login = new LoginForm();

    public LoginView(@Value("${zonedeck.demo.enabled:false}") boolean demo) {
        setId("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setId("login-form");
        addCsrfToken();
        add(new H1("ZoneDeck"), login);
        if (demo) {
            Paragraph hint = new Paragraph(
                    "Demo datacenter: operator / operator-demo · alice / alice-demo (acme) · bob / bob-demo (globex)");
            hint.setId("demo-hint");
            hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
            add(hint);
        }
    }

    /**
     * The form posts the CSRF token of this session along (Spring Security checks it on the login POST): a hidden
     * field in the form's custom area, which the login form submits with the user name and password.
     */
    private void addCsrfToken() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        Object token = request == null ? null : request.getAttribute(CsrfToken.class.getName());
        if (token instanceof CsrfToken csrf) {
            Element hidden = new Element("input");
            hidden.setAttribute("type", "hidden");
            hidden.setAttribute("slot", "custom-form-area");
            hidden.setAttribute("name", csrf.getParameterName());
            hidden.setAttribute("value", csrf.getToken());
            login.getElement().appendChild(hidden);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params =
                event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("throttled")) {
            String seconds = params.get("throttled").stream().findFirst().orElse("");
            LoginI18n i18n = LoginI18n.createDefault();
            i18n.getErrorMessage().setTitle("Too many failed sign-ins");
            i18n.getErrorMessage()
                    .setMessage(
                            seconds.matches("[0-9]{1,6}")
                                    ? "Wait " + seconds + " seconds, then try again."
                                    : "Wait a moment, then try again.");
            login.setI18n(i18n);
            login.setError(true);
        } else {
            login.setError(params.containsKey("error"));
        }
    }
}
