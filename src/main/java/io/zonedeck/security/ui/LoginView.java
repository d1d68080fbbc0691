package io.zonedeck.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · ZoneDeck")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm login = new LoginForm();
    private final TextField code = new TextField("Two-factor code");

    public LoginView(@Value("${zonedeck.demo.enabled:false}") boolean demo) {
        setId("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setId("login-form");
        code.setId("login-code");
        code.getElement().setAttribute("name", "code");
        code.getElement().setAttribute("slot", "custom-form-area");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setHelperText("Only if you turned on two-factor sign-in: the app's 6 digits, or a recovery code");
        code.setMaxLength(32);
        code.setWidthFull();
        login.getElement().appendChild(code.getElement());
        // the login form submits the fields of its custom area, which lives in its shadow DOM (LoginOverlay moves
        // them there the same way); the form sends the session's CSRF token itself, from the page's meta tags
        login.getElement()
                .executeJs(
                        "const form = this, field = $0;"
                                + " customElements.whenDefined('vaadin-login-form').then(() =>"
                                + " requestAnimationFrame(() => form.$.vaadinLoginFormWrapper.appendChild(field)));",
                        code.getElement());
        add(new H1("ZoneDeck"), login);
        if (demo) {
            Paragraph hint = new Paragraph(
                    "Demo datacenter: operator / operator-demo · alice / alice-demo (acme) · bob / bob-demo (globex)");
            hint.setId("demo-hint");
            hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
            add(hint);
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
        } else if (params.containsKey("code")) {
            LoginI18n i18n = LoginI18n.createDefault();
            i18n.getErrorMessage().setTitle("Two-factor code needed");
            i18n.getErrorMessage()
                    .setMessage("Sign in again with the code from your authenticator app (or a recovery code).");
            login.setI18n(i18n);
            login.setError(true);
        } else {
            login.setError(params.containsKey("error"));
        }
    }
}
