package io.zonedeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.internal.ComponentTracker;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.metrics.NodeSampleReceived;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * "Many live dashboards" of docs/benchmarks.md: N browsers-without-a-browser, each its own logged-in session showing
 * a live machine page over Vaadin's real protocol (the {@code v-r=init} bootstrap, a {@code ui-navigate} UIDL
 * request, then the Atmosphere websocket push the app's {@code @Push} uses), then (a) the retained heap per UI and
 * (b) how long pushes take to reach the UIs. Numbers are printed and appended to target/benchmarks/many-uis.txt, never
 * asserted. Not part of the test suite (its name matches neither *Test nor *IT, and it needs -Dbenchmark=true):
 *
 * <pre>
 * ./mvnw -o -q test -Dtest=ManyUisBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Options: -Dbenchmark.uis=200, -Dbenchmark.seconds=60, -Dbenchmark.devTracker=true (keep dev mode's component
 * tracker, which production mode does not run and which then dominates the heap).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zonedeck.demo.nodes=4",
            "zonedeck.demo.machines=20",
            "zonedeck.demo.provision-seconds=0",
            "logging.level.io.zonedeck=warn",
            "logging.level.com.vaadin=warn"
        })
@ActiveProfiles({"demo", "test"})
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ManyUisBenchmark {
    static final int UIS = Integer.getInteger("benchmark.uis", 200);
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 60);
    /** Keep dev mode's ComponentTracker on (it is off in production mode). */
    static final boolean DEV_TRACKER = Boolean.getBoolean("benchmark.devTracker");

    static final Path OUT = Path.of("target/benchmarks/many-uis.txt");
    static final ObjectMapper JSON = new ObjectMapper();
    /** A chart point {@code [t, v]} as Jackson writes the double t: 1.764043385E12. */
    static final Pattern POINT = Pattern.compile("\\[(1\\.\\d+E12|1\\d{12}(?:\\.0)?),");

    /** When each machine's sample of each second entered the portal (the series store gets the same event). */
    @TestConfiguration
    static class Arrivals {
        final Map<String, Long> nanos = new ConcurrentHashMap<>();

        @EventListener
        public void onSample(NodeSampleReceived e) {
            long now = System.nanoTime();
            e.sample().machines().forEach(m -> nanos.putIfAbsent(m.uuid() + "@" + e.timestamp(), now));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Arrivals arrivals;

    @Autowired
    LiveUpdates live;

    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    final ConcurrentLinkedQueue<Long> fromSample = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> fromTick = new ConcurrentLinkedQueue<>();
    volatile boolean measuring;

    /** One browser tab: its session, UI and push connection. */
    final class Tab implements WebSocket.Listener {
        final UUID machine;
        String cookie;
        int uiId;
        WebSocket socket;
        // the driver's own per-tab state is counted in the heap per UI too: keep it small (no buffers grown to the
        // size of the first, large UIDL kept for good)
        StringBuilder frame = new StringBuilder();
        StringBuilder stream = new StringBuilder();
        long newestSeen;
        final AtomicInteger pushes = new AtomicInteger();
        final AtomicInteger pointPushes = new AtomicInteger();

        Tab(UUID machine) {
            this.machine = machine;
        }

        void open() throws Exception {
            // log in (Spring Security form login of the login view), keeping the session cookie
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
            cookie = session(login, null);
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(url("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", cookie)
                            .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=operator-demo"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (post.statusCode() != 302
                    || post.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException("login failed: " + post.statusCode() + " " + post.headers());
            }
            cookie = session(post, cookie);
            // bootstrap the UI as Flow.js does
            String location = "machines/" + machine;
            HttpResponse<String> init = http.send(
                    HttpRequest.newBuilder(url("/?v-r=init&location=" + enc(location) + "&query="))
                            .header("Cookie", cookie)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (init.statusCode() != 200 || !init.body().startsWith("{")) {
                throw new IllegalStateException("init: " + init.statusCode() + " "
                        + init.headers().map() + " after login "
                        + post.headers().map() + "\n"
                        + init.body().substring(0, Math.min(3000, init.body().length())));
            }
            JsonNode config = JSON.readTree(init.body()).get("appConfig");
            JsonNode uidl = config.get("uidl");
            uiId = config.get("v-uiId").asInt();
            String csrf = uidl.get("Vaadin-Security-Key").asText();
            String pushId = uidl.get("Vaadin-Push-ID").asText();
            int syncId = uidl.path("syncId").asInt();
            // the push connection (Atmosphere over a websocket, like vaadinPush.js)
            String ws = "ws://localhost:" + port + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                    + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                    + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                    + "&Content-Type=" + enc("application/json; charset=UTF-8") + "&X-atmo-protocol=true";
            socket = http.newWebSocketBuilder()
                    .header("Cookie", cookie)
                    .buildAsync(URI.create(ws), this)
                    .get();
            // navigate to the machine page (the ui-navigate event Flow.js sends)
            String rpc = JSON.writeValueAsString(Map.of(
                    "csrfToken",
                    csrf,
                    "rpc",
                    List.of(Map.of(
                            "type",
                            "event",
                            "node",
                            1,
                            "event",
                            "ui-navigate",
                            "data",
                            Map.of(
                                    "route", location,
                                    "query", "",
                                    "appShellTitle", "",
                                    "historyState", Map.of("idx", 0),
                                    "trigger", ""))),
                    "syncId",
                    syncId,
                    "clientId",
                    0));
            HttpResponse<String> nav = http.send(
                    HttpRequest.newBuilder(url("/?v-r=uidl&v-uiId=" + uiId))
                            .header("Cookie", cookie)
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(rpc))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (nav.statusCode() != 200 || !nav.body().contains("zd-echart")) {
                throw new IllegalStateException("navigation: " + nav.statusCode() + " "
                        + nav.body().substring(0, Math.min(600, nav.body().length())));
            }
            newestSeen = newest(nav.body());
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                stream.append(frame);
                frame = new StringBuilder();
                drain();
                if (stream.isEmpty()) {
                    stream = new StringBuilder();
                }
            }
            ws.request(1);
            return null;
        }

        /** Atmosphere's TrackMessageSize framing: {@code length|message}, possibly several per frame or split. */
        private void drain() {
            while (true) {
                int bar = stream.indexOf("|");
                if (bar < 0) {
                    return;
                }
                int length;
                try {
                    length = Integer.parseInt(stream.substring(0, bar).trim());
                } catch (NumberFormatException e) {
                    stream.setLength(0);
                    return;
                }
                if (stream.length() < bar + 1 + length) {
                    return;
                }
                String message = stream.substring(bar + 1, bar + 1 + length);
                stream.delete(0, bar + 1 + length);
                onMessage(message);
            }
        }

        private void onMessage(String message) {
            long now = System.nanoTime();
            if (!message.contains("syncId")) {
                return; // Atmosphere's handshake and heartbeats
            }
            pushes.incrementAndGet();
            long t = newest(message);
            if (t <= newestSeen) {
                return;
            }
            newestSeen = t;
            pointPushes.incrementAndGet();
            if (!measuring) {
                return;
            }
            Long arrived = arrivals.nanos.get(machine + "@" + t);
            if (arrived != null) {
                fromSample.add(now - arrived);
            }
            fromTick.add(now - live.lastTickStartedNanos());
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    @Test
    void many_live_machine_pages() throws Exception {
        As.signIn(users, "operator");
        List<UUID> running = Eventually.until(
                Duration.ofSeconds(120),
                () -> machines.page(MachineQuery.all(), 0, 100).stream()
                        .filter(m -> "running".equals(m.state()))
                        .map(MachineSummary::id)
                        .toList(),
                ids -> ids.size() >= 10,
                "ten running demo machines");
        SecurityContextHolder.clearContext();
        awaitFrontend();
        if (!DEV_TRACKER) {
            // dev mode records where each component was created and attached (for the dev tools); production mode
            // never does, and these records are most of a dev-mode UI's heap: switch them off as production has them
            Field disabled = ComponentTracker.class.getDeclaredField("disabled");
            disabled.setAccessible(true);
            disabled.set(null, Boolean.TRUE);
        }
        warmUp(running.get(0));

        long before = usedHeapAfterGc();
        List<Tab> tabs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < UIS; i++) {
            Tab tab = new Tab(running.get(i % running.size()));
            tab.open();
            tabs.add(tab);
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(5000); // every UI has had its first pushes
        long after = usedHeapAfterGc();
        double kbPerUi = (after - before) / 1024.0 / UIS;
        histogram();

        long pushes0 = tabs.stream().mapToLong(t -> t.pushes.get()).sum();
        measuring = true;
        long micro0 = live.accessCount();
        Thread.sleep(SECONDS * 1000L);
        measuring = false;
        long accesses = live.accessCount() - micro0;
        double pushRate = (tabs.stream().mapToLong(t -> t.pushes.get()).sum() - pushes0) / (double) UIS / SECONDS;

        int silent = (int) tabs.stream().filter(t -> t.pointPushes.get() < 2).count();
        int maxPushes = tabs.stream().mapToInt(t -> t.pushes.get()).max().orElse(0);
        tabs.forEach(Tab::close);

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "%s many live machine pages: %d UIs (%d sessions, %d machines), opened in %.1f s, dev-mode"
                        + " ComponentTracker %s%n",
                Instant.now(),
                UIS,
                UIS,
                Math.min(UIS, running.size()),
                openSeconds,
                DEV_TRACKER ? "on" : "off (as in production)"));
        report.append(String.format(
                "  heap used after GC: before %.1f MB, with the UIs %.1f MB -> %.0f KB per UI (goal <= 250)%n",
                before / 1048576.0, after / 1048576.0, kbPerUi));
        report.append(String.format(
                "  over %d s: %d heartbeat accesses (%.1f per UI per s), pushes received %.2f per UI per s, most pushes to one UI %d (since it opened), UIs without live"
                        + " points %d%n",
                SECONDS,
                accesses,
                accesses / (double) Math.max(1, live.lastTick().uis()) / SECONDS,
                pushRate,
                maxPushes,
                silent));
        report.append(String.format(
                "  heartbeat: last tick %d UIs, %.0f us per UI inside its access (mean since start %.0f us)%n",
                live.lastTick().uis(), live.lastTick().microsPerUi(), live.meanMicrosPerUiTick()));
        report.append("  push received, from the heartbeat's start: " + percentiles(fromTick) + " (goal p95 <= 300)\n");
        report.append("  push received, from the sample entering the portal: " + percentiles(fromSample) + "\n");
        System.out.print(report);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Dev mode answers "building the frontend" (X-DevModePending) until its bundle is ready. */
    private void awaitFrontend() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.headers().firstValue("X-DevModePending").isEmpty()) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the frontend bundle was not ready in 10 min");
    }

    /** One UI opened and closed first, so that class loading and first-time caches do not count per UI. */
    private void warmUp(UUID machine) throws Exception {
        Tab t = new Tab(machine);
        t.open();
        Thread.sleep(2000);
        t.close();
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (v.length == 0) {
            return "no samples";
        }
        return String.format(
                "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                v.length, at(v, 0.50), at(v, 0.95), at(v, 0.99), v[v.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The newest chart point time in a UIDL message, 0 without one. */
    static long newest(String uidl) {
        if (!uidl.contains("append")) {
            return 0;
        }
        Matcher m = POINT.matcher(uidl);
        long newest = 0;
        while (m.find()) {
            newest = Math.max(newest, (long) Double.parseDouble(m.group(1)));
        }
        return newest;
    }

    /** The heap's biggest classes with the UIs open, to see what a UI costs (target/benchmarks/). */
    private static void histogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {null},
                        new String[] {String[].class.getName()});
        List<String> lines = String.valueOf(text).lines().limit(60).toList();
        Files.createDirectories(OUT.getParent());
        Files.write(OUT.resolveSibling("many-uis-histogram.txt"), lines);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The JSESSIONID cookie the response sets, else the one we had. */
    private static String session(HttpResponse<?> response, String current) throws IOException {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElse(current);
    }
}
