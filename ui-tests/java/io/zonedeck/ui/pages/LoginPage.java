package io.zonedeck.ui.pages;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;

public class LoginPage {
    private final Page page;

    public LoginPage(Page page) {
        this.page = page;
    }

    public static LoginPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/login");
        page.locator("#login-form").waitFor();
        return new LoginPage(page);
    }

    /** Signs in and waits for the machines page. */
    public MachinesPage signIn(String user, String password) {
        page.locator("#login-form input[name=username]").fill(user);
        page.locator("#login-form input[name=password]").fill(password);
        page.locator("#login-form vaadin-button[slot=submit], #login-form vaadin-button")
                .first()
                .click();
        page.waitForURL(Pattern.compile(".*/(machines)?(\\?continue.*)?$"));
        return new MachinesPage(page).waitForGrid();
    }

    public MachinesPage signInDemo(String user) {
        return signIn(user, user + "-demo");
    }
}
