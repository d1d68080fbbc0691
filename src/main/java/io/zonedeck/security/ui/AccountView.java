package io.zonedeck.security.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.security.ApiTokenService;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.SshKeyService;
import io.zonedeck.security.TwoFactorService;
import io.zonedeck.security.UserService;
import jakarta.annotation.security.PermitAll;

/** Every signed-in user: their password, their saved SSH keys (the create wizard offers them) and API tokens. */
@Route("account")
@PageTitle("Account · ZoneDeck")
@PermitAll
public class AccountView extends VerticalLayout {

    public AccountView(
            UserService users,
            SshKeyService keys,
            ApiTokenService tokens,
            TwoFactorService twoFactor,
            CurrentCaller currentCaller) {
        Caller caller = currentCaller.get();
        addClassName("zd-page");
        setId("account-view");
        H2 title = new H2("Account");
        title.getStyle().set("margin", "0");
        Paragraph who = new Paragraph("Signed in as " + caller.username() + " · "
                + caller.role().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        who.setId("account-who");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        PasswordCard password = new PasswordCard(users::changePassword);
        SshKeysCard sshKeys = new SshKeysCard(keys::mine, keys::add, keys::delete);
        sshKeys.setWidthFull();
        sshKeys.getStyle().set("max-width", "1100px");
        ApiTokensCard apiTokens = new ApiTokensCard(tokens::mine, tokens::create, tokens::revoke);
        apiTokens.setWidthFull();
        apiTokens.getStyle().set("max-width", "1100px");
        TwoFactorCard twoFactorCard = new TwoFactorCard(twoFactor);
        twoFactorCard.setWidthFull();
        twoFactorCard.getStyle().set("max-width", "1100px");
        password.setWidthFull();
        password.getStyle().set("max-width", "480px");
        add(title, who, twoFactorCard, sshKeys, apiTokens, password);
    }
}
