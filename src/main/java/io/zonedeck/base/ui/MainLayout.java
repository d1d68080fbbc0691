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
import io.zonedeck.compute.ui.MachinesView;
import io.zonedeck.nodes.ui.NodesView;
import io.zonedeck.security.ZoneDeckUser;
import jakarta.annotation.security.PermitAll;

/** The shell: brand, navigation (only entries the user may open) and the signed-in user with sign-out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext auth, AccessAnnotationChecker access) {
        H1 brand = new H1("ZoneDeck");
        brand.addClassName("zd-brand");
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        nav.addItem(new SideNavItem("Machines", MachinesView.class, VaadinIcon.SERVER.create()));
        if (access.hasAccess(NodesView.class)) {
            nav.addItem(new SideNavItem("Nodes", NodesView.class, VaadinIcon.CLUSTER.create()));
        }
        HorizontalLayout user = new HorizontalLayout();
        user.addClassName("zd-user");
        auth.getAuthenticatedUser(ZoneDeckUser.class).ifPresent(u -> {
            Span who = new Span(
                    u.getUsername() + " · " + u.caller().role().toLowerCase().replace('_', ' '));
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
