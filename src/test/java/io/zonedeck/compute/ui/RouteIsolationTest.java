package io.zonedeck.compute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.failover.FailoverPair;
import io.zonedeck.failover.FailoverService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tenant isolation in the UI: every route with a parameter, opened by tenant A (bob of globex) with tenant B's (alice
 * of acme) id, shows exactly what it shows for an id that does not exist, and nothing of B. Routes are read from
 * Vaadin's registry, so a new parameterised view fails here until it is added to {@link #foreignIds}.
 */
class RouteIsolationTest extends KaribuViewTest {
    @Autowired
    MachineService machines;

    @Autowired
    FailoverService pairs;

    /** B's id for each route template with a parameter. */
    Map<String, Supplier<String>> foreignIds() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        m.put("machines/:id", () -> machineOfB().id().toString());
        m.put("machines/:id/console", () -> machineOfB().id().toString());
        m.put("failover/:id", () -> pairOfB().id().toString());
        m.put("nodes/:id", () -> nodes.all().get(0).id().toString()); // operator-only: no tenant opens any node
        return m;
    }

    /** Who sees a route's real id as more than a missing one: B, or the operator for operator-only pages. */
    static final Map<String, String> OWNERS = Map.of("nodes/:id", "operator");

    @Autowired
    io.zonedeck.nodes.NodeRegistry nodes;

    MachineSummary machineOfB() {
        return As.user(
                users, "alice", () -> machines.page(MachineQuery.all(), 0, 1).get(0));
    }

    FailoverPair pairOfB() {
        return Eventually.until(
                        Duration.ofSeconds(30),
                        () -> As.user(users, "alice", () -> pairs.list()),
                        l -> !l.isEmpty(),
                        "the demo failover pair of acme")
                .get(0);
    }

    @Test
    void every_route_with_a_parameter_shows_a_foreign_id_as_a_missing_one() {
        Set<String> templates = new TreeSet<>();
        for (RouteData r : RouteConfiguration.forApplicationScope().getAvailableRoutes()) {
            if (r.getTemplate().contains(":")) {
                templates.add(r.getTemplate());
            }
        }
        assertThat(foreignIds().keySet())
                .as("views with route parameters must be listed in RouteIsolationTest.foreignIds")
                .containsExactlyInAnyOrderElementsOf(templates);

        String bMachineName = machineOfB().name();
        List<String> failures = new ArrayList<>();
        signIn("bob");
        for (Map.Entry<String, Supplier<String>> e : foreignIds().entrySet()) {
            String foreign = e.getValue().get();
            String missing = UUID.randomUUID().toString();
            String seenForeign = open(e.getKey(), foreign);
            String seenMissing = open(e.getKey(), missing);
            if (!seenForeign.replace(foreign, "{id}").equals(seenMissing.replace(missing, "{id}"))) {
                failures.add(e.getKey() + ": foreign shows «" + seenForeign + "», missing shows «" + seenMissing + "»");
            }
            if (seenForeign.contains(bMachineName) || seenForeign.contains("acme")) {
                failures.add(e.getKey() + " shows tenant B's data: " + seenForeign);
            }
        }
        assertThat(failures).isEmpty();

        // the ids are real: their owner sees something else than the missing page
        for (Map.Entry<String, Supplier<String>> e : foreignIds().entrySet()) {
            signIn(OWNERS.getOrDefault(e.getKey(), "alice"));
            String id = e.getValue().get();
            String missing = UUID.randomUUID().toString();
            assertThat(open(e.getKey(), id).replace(id, "{id}"))
                    .as(e.getKey() + " opened by its owner")
                    .isNotEqualTo(open(e.getKey(), missing).replace(missing, "{id}"));
        }
    }

    /** What the user sees after opening the route: the location and the page's text. */
    private static String open(String template, String id) {
        try {
            UI.getCurrent().navigate(template.replace(":id", id));
        } catch (com.github.mvysny.kaributesting.v10.MockAccessDeniedException e) {
            return "access denied: " + e.getMessage();
        }
        UI ui = UI.getCurrent();
        StringBuilder text = new StringBuilder();
        ui.getInternals()
                .getActiveRouterTargetsChain()
                .forEach(c -> text.append(c.getClass().getSimpleName())
                        .append(": ")
                        .append(c.getElement().getTextRecursively())
                        .append(" "));
        return ui.getInternals().getActiveViewLocation().getPath() + " | " + text;
    }
}
