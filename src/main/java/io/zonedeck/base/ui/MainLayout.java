package io.zonedeck.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.core.userdetails.UserDetails;

/** The shell: brand, navigation (only entries the user may open) and the signed-in user with sign-out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext auth, AccessAnnotationChecker access, java.util.List<NavEntry> entries) {
        H1 brand = new H1("ZoneDeck");
        brand.addClassName("zd-brand");
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        entries.stream()
                .filter(e -> access.hasAccess(e.view()))
                .sorted(java.util.Comparator.comparingInt(NavEntry::order))
                .forEach(e -> nav.addItem(
                        new SideNavItem(e.label(), e.view(), e.icon().create())));
        HorizontalLayout user = new HorizontalLayout();
        user.addClassName("zd-user");
        auth.getAuthenticatedUser(UserDetails.class).ifPresent(u -> {
            String role = u.getAuthorities().stream()
                    .map(a ->
                            a.getAuthority().replace("ROLE_", "").toLowerCase().replace('_', ' '))
                    .findFirst()
                    .orElse("");
            Span who = new Span(u.getUsername() + " · " + role);
            who.setId("current-user");
            Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
            logout.setId("logout");
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            user.add(who, logout);
        });
        user.setWidthFull();
        user.setJustifyContentMode(HorizontalLayout.JustifyContentMode.END);
        addToNavbar(new DrawerToggle(), brand, user);
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
