package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ConsoleFrames;
import io.zonedeck.agent.api.ConsoleOffer;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's console: tickets over the authenticated API, the console port, the sim's shell and framebuffer. */
class ConsoleServerTest {
    private static final String TOKEN = "s3cret-token";
    private static final String NODE = "node-1";

    private final ObjectMapper json = AgentJson.newMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimDriver driver;
    private AgentCore core;
    private AgentServer server;
    private final UUID zone = UUID.randomUUID();
    private final UUID vm = UUID.randomUUID();

    @BeforeEach
    void start() throws Exception {
        driver = new SimDriver(
                42,
                new NodeResources("sim-1", 8, 16_384, 500, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.NONE,
                SimSettings.instant("10.88.1"));
        driver.createImmediately(payload(zone, "joyent", "web-1"));
        driver.createImmediately(payload(vm, "kvm", "win-1"));
        core = new AgentCore(NODE, driver, new RingBuffer(1024), Clock.systemUTC(), Executors.newCachedThreadPool());
        server = new AgentServer(core, TOKEN, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    private static CreatePayload payload(UUID uuid, String brand, String alias) {
        return new CreatePayload(
                uuid, brand, alias, UUID.randomUUID(), 1024L, 10L, 100, 100, null, null, 1, null, null, null);
    }

    private HttpResponse<String> request(UUID machine, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/machines/" + machine + "/console"))
                .header("Content-Type", "application/json")
                .header(AgentJson.NODE_HEADER, NODE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConsoleOffer offer(UUID machine, String kind) throws Exception {
        HttpResponse<String> r = request(machine, "{\"kind\":\"" + kind + "\",\"cols\":80,\"rows\":24}", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), ConsoleOffer.class);
    }

    /** A connection to the console port that presented the ticket. */
    private record Conn(Socket socket, DataInputStream in, DataOutputStream out) implements AutoCloseable {
        static Conn open(ConsoleOffer offer) throws IOException {
            Socket s = new Socket("127.0.0.1", offer.port());
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write((offer.ticket() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Conn(s, new DataInputStream(new BufferedInputStream(s.getInputStream())), out);
        }

        /** Reads data frames until the text contains {@code expected}; the close frame's reason ends it too. */
        String readUntil(String expected) throws IOException {
            StringBuilder text = new StringBuilder();
            while (!text.toString().contains(expected)) {
                ConsoleFrames.Frame f = ConsoleFrames.read(in);
                if (f.type() == ConsoleFrames.CLOSE) {
                    return text + "[closed: " + f.text() + "]";
                }
                text.append(f.text());
            }
            return text.toString();
        }

        void type(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ConsoleFrames.data(out, b, 0, b.length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void a_ticket_opens_the_sim_shell_once() throws Exception {
        ConsoleOffer offer = offer(zone, "shell");
        assertThat(offer.simulated()).isTrue();
        assertThat(offer.port()).isNotEqualTo(server.port());
        try (Conn c = Conn.open(offer)) {
            assertThat(c.readUntil("# ")).contains("simulated").contains("[root@web-1 ~]# ");
            c.type("hostname\r");
            assertThat(c.readUntil("web-1\r\n[root@")).contains("hostname\r\nweb-1\r\n");
            c.type("zonename\r");
            assertThat(c.readUntil(zone.toString())).contains(zone.toString());
            c.type("hé\u007fllo\r");
            assertThat(c.readUntil("command not found")).contains("hllo: command not found");
        }
        try (Conn again = Conn.open(offer)) {
            assertThat(again.readUntil("never")).endsWith("[closed: console ticket invalid, used or expired]");
        }
    }

    @Test
    void the_console_closes_with_a_reason_when_the_machine_stops_or_the_shell_exits() throws Exception {
        try (Conn c = Conn.open(offer(zone, "serial"))) {
            assertThat(c.readUntil("(console) ~]# ")).contains("console login");
            driver.stop(zone);
            assertThat(driver.get(zone).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
            assertThat(c.readUntil("never")).endsWith("[closed: the machine stopped]");
        }
        HttpResponse<String> stopped = request(zone, "{\"kind\":\"shell\",\"cols\":80,\"rows\":24}", TOKEN);
        assertThat(stopped.statusCode()).isEqualTo(409);
        driver.start(zone);
        try (Conn c = Conn.open(offer(zone, "shell"))) {
            c.readUntil("# ");
            c.type("exit\r");
            assertThat(c.readUntil("never")).endsWith("logout\r\n[closed: the session ended]");
        }
    }

    @Test
    void console_requests_are_authenticated_and_checked() throws Exception {
        assertThat(request(zone, "{\"kind\":\"shell\",\"cols\":80,\"rows\":24}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(request(zone, "{\"kind\":\"shell\",\"cols\":80,\"rows\":24}", "wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(request(UUID.randomUUID(), "{\"kind\":\"shell\",\"cols\":80,\"rows\":24}", TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(request(zone, "{\"kind\":\"vnc\",\"cols\":80,\"rows\":24}", TOKEN)
                        .statusCode())
                .isEqualTo(422);
        assertThat(request(vm, "{\"kind\":\"shell\",\"cols\":80,\"rows\":24}", TOKEN)
                        .statusCode())
                .isEqualTo(422);
        assertThat(request(zone, "{\"kind\":\"shell\",\"cols\":0,\"rows\":24}", TOKEN)
                        .statusCode())
                .isEqualTo(422);
        assertThat(request(zone, "{\"kind\":\"bogus\"}", TOKEN).statusCode()).isEqualTo(400);
        try (Conn c = Conn.open(new ConsoleOffer(server.consolePort(), "made-up", 30, true))) {
            assertThat(c.readUntil("never")).isEqualTo("[closed: console ticket invalid, used or expired]");
        }
    }

    @Test
    void a_hardware_vm_serves_an_rfb_framebuffer() throws Exception {
        try (Conn c = Conn.open(offer(vm, "vnc"))) {
            RfbClient rfb = new RfbClient(c);
            assertThat(rfb.handshake()).isEqualTo("win-1 (simulated)");
            assertThat(rfb.width).isEqualTo(960);
            assertThat(rfb.height).isEqualTo(500);
            int lit = rfb.fullFrameLitPixels();
            assertThat(lit).as("text drawn on the boot screen").isGreaterThan(2000);
        }
    }

    /** Just enough of an RFB 3.8 viewer over the console frames. */
    private static final class RfbClient {
        private final Conn c;
        private byte[] pending = new byte[0];
        private int at;
        int width;
        int height;

        RfbClient(Conn c) {
            this.c = c;
        }

        String handshake() throws IOException {
            assertThat(new String(read(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            c.type("RFB 003.008\n");
            byte[] types = read(2);
            assertThat(types).containsExactly(1, 1);
            send(new byte[] {1});
            assertThat(read(4)).containsExactly(0, 0, 0, 0);
            send(new byte[] {1});
            byte[] init = read(24);
            width = ((init[0] & 0xff) << 8) | (init[1] & 0xff);
            height = ((init[2] & 0xff) << 8) | (init[3] & 0xff);
            int nameLen = ((init[20] & 0xff) << 24)
                    | ((init[21] & 0xff) << 16)
                    | ((init[22] & 0xff) << 8)
                    | (init[23] & 0xff);
            return new String(read(nameLen), StandardCharsets.UTF_8);
        }

        int fullFrameLitPixels() throws IOException {
            send(new byte[] {3, 0, 0, 0, 0, 0, (byte) (width >> 8), (byte) width, (byte) (height >> 8), (byte) height});
            byte[] head = read(4);
            assertThat(head[0]).isZero();
            assertThat(((head[2] & 0xff) << 8) | (head[3] & 0xff)).isEqualTo(1);
            byte[] rect = read(12);
            int w = ((rect[4] & 0xff) << 8) | (rect[5] & 0xff);
            int h = ((rect[6] & 0xff) << 8) | (rect[7] & 0xff);
            assertThat(w).isEqualTo(width);
            assertThat(h).isEqualTo(height);
            byte[] pixels = read(w * h * 4);
            int lit = 0;
            for (int i = 0; i < pixels.length; i += 4) {
                if (pixels[i] != 0 || pixels[i + 1] != 0 || pixels[i + 2] != 0) {
                    lit++;
                }
            }
            return lit;
        }

        private void send(byte[] b) throws IOException {
            ConsoleFrames.data(c.out(), b, 0, b.length);
        }

        private byte[] read(int n) throws IOException {
            byte[] out = new byte[n];
            int filled = 0;
            while (filled < n) {
                if (at >= pending.length) {
                    ConsoleFrames.Frame f = ConsoleFrames.read(c.in());
                    assertThat(f.type()).as(f.text()).isEqualTo(ConsoleFrames.DATA);
                    pending = f.payload();
                    at = 0;
                }
                int k = Math.min(n - filled, pending.length - at);
                System.arraycopy(pending, at, out, filled, k);
                at += k;
                filled += k;
            }
            return out;
        }
    }
}
