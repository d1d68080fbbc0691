package io.zonedeck.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heartbeat pushes to each UI at most once a second, whatever the number of live components on it. */
class LiveUpdatesTest {
    /** A UI that counts the accesses made to it (each access ends in one push). */
    static class CountingUI extends UI {
        int accesses;

        @Override
        public Future<Void> access(Command command) {
            accesses++;
            return super.access(command);
        }
    }

    final LiveUpdates live = new LiveUpdates();
    final List<String> ran = new ArrayList<>();
    CountingUI ui;

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes(), CountingUI::new);
        ui = (CountingUI) UI.getCurrent();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private Div live(String name) {
        Div d = new Div();
        live.subscribe(d, () -> ran.add(name));
        return d;
    }

    private void heartbeat() {
        live.tick();
        MockVaadin.runUIQueue(true);
    }

    @Test
    void three_components_of_one_ui_share_one_access_per_tick() {
        Div a = live("a");
        Div b = live("b");
        Div c = live("c");
        ui.add(a, b, c);
        assertThat(live.subscriberCount()).isEqualTo(3);
        assertThat(live.uiCount()).isEqualTo(1);

        heartbeat();
        assertThat(ui.accesses).isEqualTo(1);
        assertThat(ran).containsExactlyInAnyOrder("a", "b", "c");

        heartbeat();
        assertThat(ui.accesses).isEqualTo(2);
        assertThat(ran).hasSize(6);
        assertThat(live.lastTick().uis()).isEqualTo(1);
        assertThat(live.lastTick().subscribers()).isEqualTo(3);
        assertThat(live.meanMicrosPerUiTick()).isPositive();
    }

    @Test
    void a_failing_subscriber_does_not_stop_the_others() {
        Div bad = new Div();
        live.subscribe(bad, () -> {
            throw new IllegalStateException("boom");
        });
        ui.add(live("before"), bad, live("after"));

        heartbeat();
        heartbeat();
        assertThat(ran).containsExactlyInAnyOrder("before", "after", "before", "after");
        assertThat(live.subscriberCount()).isEqualTo(3);
    }

    @Test
    void detach_ends_the_subscription_and_attach_starts_it_again() {
        Div a = live("a");
        Div b = live("b");
        ui.add(a, b);
        ui.remove(a);
        assertThat(live.subscriberCount()).isEqualTo(1);

        heartbeat();
        assertThat(ran).containsExactly("b");

        ui.remove(b);
        assertThat(live.subscriberCount()).isZero();
        assertThat(live.uiCount()).isZero();
        heartbeat();
        assertThat(ui.accesses).isEqualTo(1); // no subscriber, no access

        ui.add(a);
        heartbeat();
        assertThat(ran).containsExactly("b", "a");
    }

    @Test
    void a_component_attached_before_it_subscribes_is_live_at_once_and_its_registration_ends_it() {
        Div a = new Div();
        ui.add(a);
        var registration = live.subscribe(a, () -> ran.add("a"));
        heartbeat();
        assertThat(ran).containsExactly("a");

        registration.remove();
        assertThat(live.subscriberCount()).isZero();
        heartbeat();
        assertThat(ran).containsExactly("a");
    }

    @Test
    void a_closed_ui_loses_its_subscriptions() {
        ui.add(live("a"), live("b"));
        ui.close();
        heartbeat();
        assertThat(ran).isEmpty();
        assertThat(live.subscriberCount()).isZero();
    }
}
