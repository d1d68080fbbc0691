package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * Karibu setup for the machine page's tabs: alice signed in, a fresh machine of her own per test (so tests do
 * not share state), helpers to open a tab and to wait for the page's live refresh.
 */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
abstract class DetailViewTestBase {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    MachineService machines;

    @Autowired
    MachineChanges changes;

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("io.zonedeck");
    }

    @Autowired
    SecurityContextHolderStrategy securityStrategy;

    @BeforeEach
    void setUpVaadin() {
        // Vaadin installs its security-context strategy globally when a context starts: a class with a context of its
        // own (ReducedCapabilitiesViewTest) replaces it, and the cached context these tab tests share would no longer
        // see the sign-in. Put this context's strategy back first.
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, ctx, uiFactory));
        signIn("alice");
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Karibu runs no servlet filters: sign in on the security context and on the fake request. */
    void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    /** A new running machine of alice's. */
    MachineSummary runningMachine(String brand, String image, String pkg) {
        String name = "kt-" + brand + "-" + SEQ.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        UUID id = machines.create(new CreateMachineRequest(name, brand, image, pkg))
                .machine()
                .id();
        return Eventually.until(
                Duration.ofSeconds(30), () -> machines.get(id), m -> m.state().equals("running"), name + " running");
    }

    MachineSummary runningZone() {
        return runningMachine("joyent", "base-64-lts", "g1-nano");
    }

    /** Waits until the machine has no active job; returns its newest job. */
    JobInfo jobDone(UUID machine) {
        Eventually.until(
                Duration.ofSeconds(30), () -> machines.activeJob(machine), java.util.Optional::isEmpty, "job done");
        return machines.jobs(machine).get(0);
    }

    void open(MachineSummary m) {
        UI.getCurrent().navigate("machines/" + m.id());
    }

    void selectTab(String id) {
        _get(TabSheet.class).setSelectedTab(_get(Tab.class, spec -> spec.withId(id)));
    }

    void click(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    /** Lets the page's once-a-second live refresh run (its ui.access tasks) until {@code done} holds. */
    static void liveUntil(BooleanSupplier done, String what) {
        Eventually.until(
                Duration.ofSeconds(30),
                () -> {
                    MockVaadin.clientRoundtrip();
                    return done.getAsBoolean();
                },
                Boolean::booleanValue,
                what);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> rows(String gridId) {
        Grid<T> grid = _get(Grid.class, spec -> spec.withId(gridId));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }
}
