package io.zonedeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Web consoles (docs/benchmarks.md, issue 17): keystroke-to-echo round trips through portal and agent (WebSocket →
 * relay → agent console port → the sim's shell → back), p50/p95/p99 over 500 keystrokes on one console, then the same
 * with 50 consoles open at once (each typing), and the portal's heap per open console; as root, the same single
 * console on the linux node (a real shell in a machine: the echo comes from its pseudo-terminal). Printed and appended to
 * target/benchmarks/console.txt, never asserted. Run with
 * {@code ./mvnw -o -q test -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zonedeck.console.max-per-machine=100",
            "zonedeck.demo.machines=4",
            "zonedeck.demo.linux-node=true",
            "zonedeck.demo.linux-state-dir=target/linux-node-bench",
            "zonedeck.demo.linux-ip-base=10.88.0"
        })
@ActiveProfiles({"demo", "test"})
class ConsoleBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("alice:alice-demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One console: echoes arrive on a queue. */
    final class Console implements WebSocket.Listener {
        final LinkedBlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocket ws;

        Console open(String machine) throws Exception {
            return openUntil(machine, "]# ");
        }

        Console openUntil(String machine, String prompt) throws Exception {
            HttpResponse<String> t = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/api/v1/machines/" + machine + "/console"))
                            .header("Authorization", BASIC)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"shell\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (t.statusCode() != 201) {
                throw new IllegalStateException(t.body());
            }
            ws = http.newWebSocketBuilder()
                    .header("Authorization", BASIC)
                    .buildAsync(URI.create(JSON.readTree(t.body()).path("url").asText()), this)
                    .get(10, TimeUnit.SECONDS);
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!seen.toString().contains(prompt) && System.nanoTime() < deadline) {
                seen.append(String.join("", drain()));
                Thread.sleep(10);
            }
            return this;
        }

        List<String> drain() {
            List<String> out = new ArrayList<>();
            echoes.drainTo(out);
            return out;
        }

        /** Types one character and waits for its echo; nanoseconds. */
        long keystroke(char c) throws Exception {
            long t0 = System.nanoTime();
            ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) c}), true).join();
            String got = echoes.poll(5, TimeUnit.SECONDS);
            if (got == null || got.indexOf(c) < 0) {
                throw new IllegalStateException("no echo of " + c + ": " + got);
            }
            return System.nanoTime() - t0;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            echoes.add(new String(b, StandardCharsets.UTF_8));
            w.request(1);
            return null;
        }
    }

    @Test
    void keystroke_echo_and_memory_per_console() throws Exception {
        String machine = null;
        for (JsonNode m : JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/machines"))
                                .header("Authorization", BASIC)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body())) {
            if ("running".equals(m.path("state").asText())) {
                machine = m.path("id").asText();
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        Console one = new Console().open(machine);
        for (int i = 0; i < 100; i++) {
            one.keystroke('a');
        }
        List<Long> single = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            single.add(one.keystroke((char) ('a' + i % 26)));
        }
        lines.add(summary("sim, 1 console, 500 keystrokes", single));

        System.gc();
        Thread.sleep(500);
        long before = usedHeap();
        List<Console> many = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            many.add(new Console().open(machine));
        }
        many.add(one);
        System.gc();
        Thread.sleep(500);
        long after = usedHeap();
        lines.add(String.format(
                "50 consoles open: portal heap +%.1f MiB, %.0f KiB per console (includes the in-JVM sim agent's side)",
                (after - before) / 1048576.0, (after - before) / 49 / 1024.0));
        List<Long> loaded = Collections.synchronizedList(new ArrayList<>());
        List<Thread> typists = new ArrayList<>();
        for (Console c : many) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        loaded.add(c.keystroke((char) ('a' + i % 26)));
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            typists.add(t);
            t.start();
        }
        for (Thread t : typists) {
            t.join();
        }
        lines.add(summary("sim, 50 consoles typing at once (40 keystrokes each, 20 ms apart)", loaded));
        for (Console c : many) {
            c.ws.abort();
        }
        if (io.zonedeck.agent.driver.linux.LinuxHost.runs("sh", "-c", "test $(id -u) = 0")) {
            lines.add(linux());
        }
        Path out = Path.of("target", "benchmarks", "console.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
    }

    /** One console in a linux-idle machine on the demo's linux node. */
    private String linux() throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/machines"))
                        .header("Authorization", BASIC)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"bench-linux\",\"brand\":\"joyent\",\"image\":\"linux-idle\","
                                        + "\"package\":\"g1-nano\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String id = JSON.readTree(created.body()).path("machine").path("id").asText();
        for (int i = 0; i < 120; i++) {
            String state = JSON.readTree(http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://localhost:" + port + "/api/v1/machines/" + id))
                                            .header("Authorization", BASIC)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .path("state")
                    .asText();
            if (state.equals("running")) {
                break;
            }
            Thread.sleep(500);
        }
        Console c = new Console();
        c.openUntil(id, "# ");
        for (int i = 0; i < 50; i++) {
            c.keystroke('a');
        }
        List<Long> linux = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            linux.add(c.keystroke((char) ('a' + i % 26)));
        }
        c.ws.abort();
        http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/machines/" + id))
                        .header("Authorization", BASIC)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 60; i++) {
            int status = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/machines/" + id))
                                    .header("Authorization", BASIC)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            if (status == 404) {
                break;
            }
            Thread.sleep(500);
        }
        return summary("linux (a real shell in the machine), 1 console, 500 keystrokes", linux);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String summary(String label, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format(
                "%s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)",
                label, ms(s, 0.50), ms(s, 0.95), ms(s, 0.99), s.get(s.size() - 1) / 1e6, s.size());
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
