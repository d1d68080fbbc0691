package io.zonedeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * REST list throughput with a personal access token against HTTP Basic (docs/benchmarks.md, issue 16): 20 clients
 * list machines for {@code bench.seconds} (default 30) each way; requests per second and latency percentiles are
 * printed and appended to target/benchmarks/rest-auth.txt, never asserted. Production password hashing (bcrypt
 * strength 10) so Basic costs what it costs in production. Run with
 * {@code ./mvnw -o -q test -Dtest=RestAuthBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zonedeck.security.bcrypt-strength=10",
            "zonedeck.security.sign-in.address[0].failures=100000",
            "zonedeck.security.sign-in.address[0].per=1m"
        })
@ActiveProfiles({"demo", "test"})
class RestAuthBenchmark {
    static final int CLIENTS = 20;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().build();

    @Test
    void list_machines_with_a_token_and_with_basic() throws Exception {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString("alice:alice-demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/account/tokens"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"bench\",\"scope\":\"READ_ONLY\",\"expiresInDays\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String token = new ObjectMapper().readTree(created.body()).path("token").asText();
        int seconds = Integer.getInteger("bench.seconds", 30);
        run("warm-up token", "Bearer " + token, 5);
        List<String> lines = new ArrayList<>();
        lines.add(run("token", "Bearer " + token, seconds));
        lines.add(run("basic", basic, seconds));
        lines.add(run("token, GET /api/v1/account", "Bearer " + token, seconds, "/api/v1/account"));
        Path out = Path.of("target", "benchmarks", "rest-auth.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
    }

    private String run(String label, String authorization, int seconds) throws Exception {
        return run(label, authorization, seconds, "/api/v1/machines");
    }

    private String run(String label, String authorization, int seconds, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rate = sorted.size() / (double) seconds;
        return String.format(
                "[rest-auth] %s %s: %d clients, %d s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, errors %d",
                label,
                request.uri().getPath(),
                CLIENTS,
                seconds,
                rate,
                pct(sorted, 0.50),
                pct(sorted, 0.99),
                errors.get());
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
    }
}
