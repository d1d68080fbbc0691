package io.zonedeck.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Consoles over REST and the WebSocket, as a script attaches: tickets, scoping, limits, audit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ConsoleIT extends RestTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    /** A WebSocket client that collects what it receives and how it closed. */
    static final class Collector implements WebSocket.Listener {
        final StringBuffer text = new StringBuffer();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            text.append(new String(b, StandardCharsets.UTF_8));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
    }

    /** A running machine of alice's that only these tests use (other tests stop and start the demo's). */
    private String own(String name) {
        for (JsonNode m : Api.json(api.call("alice", "GET", "/api/v1/machines", null))) {
            if (name.equals(m.path("name").asText())
                    && "running".equals(m.path("state").asText())) {
                return m.path("id").asText();
            }
        }
        var made = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
        String id = Api.json(made).path("machine").path("id").asText();
        Eventually.within(
                Duration.ofSeconds(30),
                () -> assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines/" + id, null))
                                .path("state")
                                .asText())
                        .isEqualTo("running"));
        return id;
    }

    private JsonNode ticket(String user, String machine, String body, int status) {
        var res = api.call(user, "POST", "/api/v1/machines/" + machine + "/console", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        return Api.json(res);
    }

    private WebSocket attach(String url, String auth, Collector c) {
        return http.newWebSocketBuilder()
                .header("Authorization", auth)
                .buildAsync(URI.create(url), c)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void a_script_attaches_with_a_ticket_once_and_types_into_the_shell() throws Exception {
        String web = own("cons-01");
        JsonNode t = ticket("alice", web, "{\"kind\":\"shell\",\"cols\":100,\"rows\":30}", 201);
        assertThat(t.path("url").asText()).startsWith("ws://localhost:" + port + "/api/v1/console/ws?ticket=");
        assertThat(t.path("simulated").asBoolean()).isTrue();
        Collector c = new Collector();
        WebSocket ws = attach(t.path("url").asText(), basic("alice"), c);
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(c.text.toString()).contains("[root@cons-01 ~]# "));
        ws.sendText("{\"type\":\"resize\",\"cols\":120,\"rows\":40}", true).join();
        ws.sendBinary(ByteBuffer.wrap("hostname\r".getBytes(StandardCharsets.UTF_8)), true)
                .join();
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(c.text.toString()).contains("hostname\r\ncons-01\r\n"));
        ws.sendBinary(ByteBuffer.wrap(("\u0003" + "x".repeat(60_000)).getBytes(StandardCharsets.UTF_8)), true)
                .join();
        ws.sendBinary(ByteBuffer.wrap("\u0003uptime\r".getBytes(StandardCharsets.UTF_8)), true)
                .join();
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(c.text.toString()).contains("load average"));
        assertThat(c.closed).as("a 60 KB paste fits in one message").isNotDone();
        ws.sendBinary(ByteBuffer.wrap("exit\r".getBytes(StandardCharsets.UTF_8)), true)
                .join();
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4000 the session ended");

        Collector again = new Collector();
        attach(t.path("url").asText(), basic("alice"), again);
        assertThat(again.closed.get(10, TimeUnit.SECONDS)).startsWith("4403 this console ticket is not valid");

        Eventually.within(Duration.ofSeconds(10), () -> {
            JsonNode audit = Api.json(api.call("alice", "GET", "/api/v1/audit?limit=50&q=" + web, null));
            List<String> actions = new ArrayList<>();
            audit.forEach(a -> actions.add(
                    a.path("action").asText() + " " + a.path("result").asText()));
            assertThat(actions).contains("console.request ok", "console.attach ok", "console.detach ok");
        });
        assertThat(Api.json(api.call(
                        "alice", "GET", "/api/v1/audit?limit=50&action=console.attach&result=NotAuthorized", null)))
                .as("the refused reuse is recorded")
                .isNotEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    ConsoleRelay relay;

    @Test
    void an_idle_console_closes_and_a_read_only_token_opens_none() throws Exception {
        String web = own("cons-01");
        Collector c = new Collector();
        attach(ticket("alice", web, "{\"kind\":\"shell\"}", 201).path("url").asText(), basic("alice"), c);
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(c.text.toString()).contains("]# "));
        Thread.sleep(50);
        relay.sweep(Duration.ofMillis(10));
        assertThat(c.closed.get(10, TimeUnit.SECONDS))
                .startsWith("4000 closed after")
                .endsWith("without input");

        var created = api.call(
                "alice",
                "POST",
                "/api/v1/account/tokens",
                "{\"name\":\"console-ro\",\"scope\":\"READ_ONLY\",\"expiresInDays\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = Api.json(created).path("token").asText();
        var refused = http.send(
                java.net.http.HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/machines/" + web + "/console"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"kind\":\"shell\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode())
                .as("a read-only token changes nothing, consoles included")
                .isEqualTo(403);
    }

    @Test
    void tickets_are_scoped_like_everything_else() {
        String web = own("cons-01");
        ticket("bob", web, "{\"kind\":\"shell\"}", 404);
        assertThat(ticket("operator", web, "{\"kind\":\"serial\"}", 201)
                        .path("url")
                        .asText())
                .as("operators open any machine's console")
                .contains("ticket=");
        JsonNode mine = ticket("alice", web, "{\"kind\":\"shell\"}", 201);
        Collector bob = new Collector();
        attach(mine.path("url").asText(), basic("bob"), bob);
        assertThat(bob.closed.join()).startsWith("4403 ");
        Collector alice = new Collector();
        attach(mine.path("url").asText(), basic("alice"), alice);
        assertThat(alice.closed.join()).as("bob's try used the ticket up").startsWith("4403 ");

        assertThat(ticket("alice", web, "{\"kind\":\"vnc\"}", 422)
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("kind");
        assertThat(ticket("alice", web, "{\"kind\":\"telnet\"}", 422)
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("kind");
        ticket("alice", web, "{\"kind\":\"shell\",\"cols\":0}", 422);
        ticket("alice", web, "{\"kind\":\"shell\",\"extra\":1}", 400);
        ticket("alice", "not-a-uuid", "{\"kind\":\"shell\"}", 404);

        try {
            attach(
                    mine.path("url").asText(),
                    "Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes()),
                    new Collector());
            throw new AssertionError("a wrong password opened the console socket");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause())
                            .getResponse()
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void a_machine_has_at_most_four_consoles_and_a_stopped_one_none() throws Exception {
        String web = own("cons-02");
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Collector c = new Collector();
            open.add(attach(
                    ticket("alice", web, "{\"kind\":\"serial\"}", 201)
                            .path("url")
                            .asText(),
                    basic("alice"),
                    c));
            Eventually.within(
                    Duration.ofSeconds(10), () -> assertThat(c.text.toString()).contains("(console) ~]# "));
        }
        assertThat(ticket("alice", web, "{\"kind\":\"shell\"}", 409)
                        .path("message")
                        .asText())
                .contains("has 4 consoles open already");
        open.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        Eventually.within(Duration.ofSeconds(10), () -> ticket("alice", web, "{\"kind\":\"shell\"}", 201));
        open.forEach(ws -> ws.abort());

        // a machine of its own to stop: the demo's stay as other tests expect them
        var made = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"cons-stop\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
        String stopped = Api.json(made).path("machine").path("id").asText();
        Eventually.within(
                Duration.ofSeconds(30),
                () -> assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines/" + stopped, null))
                                .path("state")
                                .asText())
                        .isEqualTo("running"));
        assertThat(api.call("alice", "POST", "/api/v1/machines/" + stopped + "/stop", null)
                        .statusCode())
                .isEqualTo(202);
        Eventually.within(
                Duration.ofSeconds(20),
                () -> assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines/" + stopped, null))
                                .path("state")
                                .asText())
                        .isEqualTo("stopped"));
        assertThat(ticket("alice", stopped, "{\"kind\":\"shell\"}", 409)
                        .path("message")
                        .asText())
                .contains("start it to use its console");
        api.call("alice", "DELETE", "/api/v1/machines/" + stopped, null);
    }
}
