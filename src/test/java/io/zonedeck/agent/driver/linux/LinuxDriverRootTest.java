package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.WorkloadImages;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The linux driver on this host, as root: real cgroups, namespaces, veths. Measured through the driver's own
 * sample(). Own node id, bridge zdt0 and 10.98.0/24; everything is removed in {@link #cleanUp()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxDriverRootTest {
    static final UUID HOG = UUID.fromString("7a1e0000-0000-4000-8000-0000000000ff");
    static final Map<UUID, Workload> EXTRA = Map.of(HOG, new Workload(HOG, "memory-hog", "exec tail /dev/zero"));

    static Path stateDir;
    static LinuxSettings settings;
    static LinuxDriver driver;

    @BeforeAll
    static void openDriver() throws IOException {
        LinuxHost.needRoot();
        stateDir = Files.createTempDirectory("zd-linux-root-test");
        settings = new LinuxSettings(
                "zdtest-linux", stateDir, "zdt0", "10.98.0", Duration.ofMillis(100), Duration.ofSeconds(2));
        driver = LinuxDriver.open(settings, EXTRA);
        favourTheTestMachines();
    }

    /**
     * The host is shared with parallel builds: the test's node group gets ten times the default CPU weight, so a
     * machine's cap and shares are what limit it, not the neighbours (the machines' own throttles are untouched).
     */
    static void favourTheTestMachines() {
        for (Path procs : driver.cgroups().procsFiles(driver.nodeGroup())) {
            try {
                // the node's group and its parent (zonedeck): on cgroup v1 each busy thread of the root group weighs
                // as much as the whole parent group
                for (Path dir : List.of(procs.getParent(), procs.getParent().getParent())) {
                    if (Files.exists(dir.resolve("cpu.shares"))) {
                        Files.writeString(dir.resolve("cpu.shares"), "102400");
                    }
                    if (Files.exists(dir.resolve("cpu.weight"))) {
                        Files.writeString(dir.resolve("cpu.weight"), "10000");
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot weight " + procs.getParent(), e);
            }
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (driver == null) {
            return;
        }
        for (var m : driver.list()) {
            try {
                driver.delete(m.uuid());
            } catch (DriverException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
        try {
            driver.removeNodeResources();
        } finally {
            deleteStateDir();
        }
    }

    static void deleteStateDir() throws IOException {
        try (Stream<Path> s = Files.walk(stateDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static CreatePayload payload(UUID image, String alias, Integer cap, Integer shares, Long memMiB, Long bps) {
        return new CreatePayload(
                UUID.randomUUID(),
                "joyent",
                alias,
                image,
                memMiB,
                1L,
                cap,
                shares,
                null,
                null,
                null,
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                bps,
                null);
    }

    static UUID create(CreatePayload p) throws DriverException {
        driver.create(p, ProgressListener.NONE);
        return p.uuid();
    }

    static MachineSample sampleOf(UUID uuid) {
        return driver.sample().machines().stream()
                .filter(s -> s.uuid().equals(uuid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample of " + uuid));
    }

    /** Samples now and again after {@code seconds}: the second sample is the average over the interval. */
    static Map<UUID, MachineSample> averageOver(double seconds) throws InterruptedException {
        driver.sample();
        Thread.sleep((long) (seconds * 1000));
        Map<UUID, MachineSample> out = new java.util.HashMap<>();
        driver.sample().machines().forEach(s -> out.put(s.uuid(), s));
        return out;
    }

    @Test
    @Order(1)
    void cap_of_50_percent_holds_a_burner_near_half_a_cpu() throws Exception {
        UUID id = create(payload(WorkloadImages.CPU_BURNER, "burner50", 50, null, null, null));
        Thread.sleep(500);
        double pct = averageOver(5).get(id).cpuPct();
        System.out.printf("[measured] cpu_cap 50: %.1f %% over 5 s%n", pct);
        assertThat(pct).isBetween(45.0, 55.0);
        assertThat(sampleOf(id).cpuCap()).isEqualTo(50);
        driver.delete(id);
    }

    @Test
    @Order(2)
    void shares_of_2_to_1_on_one_cpu_split_it_2_to_1() throws Exception {
        UUID a = create(payload(WorkloadImages.CPU_BURNER, "shares200", null, 200, null, null));
        UUID b = create(payload(WorkloadImages.CPU_BURNER, "shares100", null, 100, null, null));
        driver.pin(a, "0");
        driver.pin(b, "0");
        Thread.sleep(500);
        Map<UUID, MachineSample> s = averageOver(5);
        double ratio = s.get(a).cpuPct() / s.get(b).cpuPct();
        System.out.printf(
                "[measured] shares 200:100 on cpu 0: %.1f %% : %.1f %% = %.2f over 5 s%n",
                s.get(a).cpuPct(), s.get(b).cpuPct(), ratio);
        assertThat(ratio).isBetween(2 * 0.85, 2 * 1.15);
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            driver.sample();
        }
        System.out.printf("[measured] sample() with 2 machines: %.2f ms%n", (System.nanoTime() - t0) / 20 / 1e6);
        driver.delete(a);
        driver.delete(b);
    }

    @Test
    @Order(3)
    void a_memory_hog_is_held_to_its_cap_or_oom_killed() throws Exception {
        UUID id = create(payload(HOG, "hog", null, null, 64L, null));
        long maxSeen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (MachineSample s : driver.sample().machines()) {
                if (s.uuid().equals(id)) {
                    maxSeen = Math.max(maxSeen, s.memRssMiB());
                    assertThat(s.memRssMiB()).isLessThanOrEqualTo(64);
                    assertThat(s.memCapMiB()).isEqualTo(64);
                }
            }
            if (driver.oomKills(id) > 0) {
                break;
            }
            Thread.sleep(100);
        }
        long kills = driver.oomKills(id);
        System.out.printf("[measured] memory cap 64 MiB: highest sample %d MiB, oom kills %d%n", maxSeen, kills);
        assertThat(kills).as("OOM kills of a hog above its cap").isPositive();
        Thread.sleep(300);
        assertThat(driver.get(id).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        driver.delete(id);
    }

    @Test
    @Order(4)
    void a_disk_throttle_of_4_mib_per_second_holds_within_15_percent() throws Exception {
        long limit = 4L << 20;
        UUID id = create(payload(WorkloadImages.DISK_WRITER, "writer", null, null, null, limit));
        Thread.sleep(1000);
        MachineSample s = averageOver(5).get(id);
        System.out.printf(
                "[measured] disk_bps_max 4 MiB/s: %.2f MiB/s written over 5 s (%d ops/s)%n",
                s.diskWriteBytes() / 1048576.0, s.diskWriteOps());
        assertThat((double) s.diskWriteBytes()).isBetween(limit * 0.85, limit * 1.15);
        driver.delete(id);
    }

    @Test
    @Order(5)
    void a_live_cap_change_from_100_to_30_shows_within_2_seconds() throws Exception {
        UUID id = create(payload(WorkloadImages.CPU_BURNER, "live", 100, null, null, null));
        Thread.sleep(300);
        double before = averageOver(1).get(id).cpuPct();
        driver.update(id, UpdatePayload.none().withThrottles(30, null, null, null, null, null, null, null, null));
        long changed = System.nanoTime();
        driver.sample();
        Thread.sleep(1000);
        MachineSample after = sampleOf(id);
        double within = (System.nanoTime() - changed) / 1e9;
        System.out.printf(
                "[measured] live cap 100 -> 30: %.1f %% before, %.1f %% in the second after (%.2f s after the update)%n",
                before, after.cpuPct(), within);
        assertThat(before).as("cpu at cap 100 (the host is shared)").isGreaterThan(45);
        assertThat(after.cpuPct()).isBetween(20.0, 36.0);
        assertThat(after.cpuCap()).isEqualTo(30);
        assertThat(within).isLessThan(2.0);
        driver.delete(id);
    }

    @Test
    @Order(6)
    void delete_leaves_no_process_cgroup_netns_or_veth() throws Exception {
        UUID id = create(payload(WorkloadImages.IDLE, "gone", null, null, null, null));
        int pid = driver.pid(id).orElseThrow();
        List<Path> groups = new ArrayList<>();
        driver.cgroups().procsFiles(driver.cgroupOf(id)).forEach(f -> groups.add(f.getParent()));
        String hex = id.toString().substring(0, 8);
        assertThat(Files.exists(Path.of("/proc", "" + pid))).isTrue();
        assertThat(Commands.run("ip", "netns", "list")).contains("zd-" + hex);

        driver.delete(id);

        assertThat(Files.exists(Path.of("/proc", "" + pid))).isFalse();
        assertThat(groups).isNotEmpty().allSatisfy(g -> assertThat(g).doesNotExist());
        assertThat(Commands.run("ip", "netns", "list")).doesNotContain("zd-" + hex);
        assertThat(Commands.run("ip", "link")).doesNotContain("zdv" + hex);
        assertThat(stateDir.resolve("machines").resolve(id.toString())).doesNotExist();
        assertThat(driver.get(id)).isEmpty();
    }

    @Test
    @Order(7)
    void a_new_driver_over_the_same_state_dir_readopts_the_running_machine() throws Exception {
        UUID id = create(payload(WorkloadImages.IDLE, "survivor", null, null, null, null));
        int pid = driver.pid(id).orElseThrow();
        driver.close();
        driver = LinuxDriver.open(settings, EXTRA);
        favourTheTestMachines();
        assertThat(driver.get(id).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        assertThat(driver.pid(id)).contains(pid);
        assertThat(Files.exists(Path.of("/proc", "" + pid))).isTrue();
        driver.delete(id);
        assertThat(Files.exists(Path.of("/proc", "" + pid))).isFalse();
        assertThat(Commands.run("ip", "netns", "list"))
                .doesNotContain("zd-" + id.toString().substring(0, 8));
    }

    @Test
    @Order(8)
    void a_machine_has_its_own_hostname_pid_1_and_answers_http_on_its_ip() throws Exception {
        LinuxHost.need(
                driver.capabilities().images().contains(WorkloadImages.HTTP_SERVER.toString()),
                "no python3 or busybox for the http-server image");
        UUID id = create(payload(WorkloadImages.HTTP_SERVER, "web-one", null, null, null, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (driver.initPid(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int init = driver.initPid(id).orElseThrow();
        String nspid = Files.readString(Path.of("/proc", "" + init, "status"))
                .lines()
                .filter(l -> l.startsWith("NSpid:"))
                .findFirst()
                .orElseThrow();
        assertThat(nspid.trim()).endsWith("\t1").matches("NSpid:\\s+" + init + "\\s+1");
        assertThat(Commands.run("nsenter", "-t", "" + init, "-u", "hostname").trim())
                .isEqualTo("web-one");
        String ip = driver.get(id).orElseThrow().ips().get(0);
        assertThat(ip).startsWith("10.98.0.");
        assertThat(driver.machineNet(id).orElseThrow().iface()).isEqualTo("eth0");
        String body;
        try {
            body = httpGet(ip, Duration.ofSeconds(5));
        } catch (AssertionError e) {
            Path log = stateDir.resolve("machines").resolve(id.toString()).resolve("console.log");
            throw new AssertionError(
                    e.getMessage() + "; console: " + Files.readString(log) + "; listening: "
                            + Commands.exec(
                                    "ip", "netns", "exec", "zd-" + id.toString().substring(0, 8), "ss", "-ltnp")
                            + "; procs: " + driver.machinePids()
                            + Commands.exec("ps", "-ef", "--forest"),
                    e);
        }
        System.out.printf(
                "[measured] http://%s/ from the host: %s%n",
                ip, body.lines().findFirst().orElse(""));
        assertThat(body).startsWith("HTTP/1.0 200").contains("zonedeck");
        driver.delete(id);
    }

    @Test
    @Order(8)
    void a_console_shell_runs_inside_the_machine_its_hostname_cgroup_and_processes() throws Exception {
        UUID id = create(payload(WorkloadImages.IDLE, "console-one", null, null, null, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (driver.initPid(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (io.zonedeck.agent.driver.ConsoleSession console =
                driver.openConsole(id, io.zonedeck.agent.api.ConsoleKind.SHELL, 100, 30)) {
            StringBuffer out = new StringBuffer();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = console.output().read(buf)) >= 0) {
                        out.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
            console.input()
                    .write(("echo HOST=$(hostname); cat /proc/self/cgroup; stty size;"
                                    + " ps -e -o comm= | wc -l | sed 's/^/PROCS=/'; echo DO\"\"NE\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            console.input().flush();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!out.toString().contains("DONE\r\n") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            String text = out.toString();
            System.out.println("[measured] console shell: "
                    + text.replace("\r", "").lines().toList());
            assertThat(text).contains("HOST=console-one");
            assertThat(text).as("the shell is in the machine's cgroup").contains("zonedeck/zdtest-linux/" + id);
            assertThat(text).as("the terminal has the asked size").contains("30 100");
            int procs = Integer.parseInt(text.replaceAll("(?s).*PROCS=\\s*(\\d+).*", "$1"));
            assertThat(procs).as("ps sees the machine's processes only").isLessThan(12);
            console.resize(120, 40);
            console.input().write("stty size; echo RESI\"\"ZED\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            console.input().flush();
            until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!out.toString().contains("RESIZED\r\n") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).contains("40 120");
        }
        driver.delete(id);
    }

    @Test
    @Order(9)
    void stop_start_and_reboot_move_the_machine_through_its_states() throws Exception {
        UUID id = create(payload(WorkloadImages.IDLE, "cycle", null, null, null, null));
        int first = driver.pid(id).orElseThrow();
        long t0 = System.nanoTime();
        driver.stop(id);
        double stopS = (System.nanoTime() - t0) / 1e9;
        assertThat(driver.get(id).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        assertThat(Files.exists(Path.of("/proc", "" + first))).isFalse();
        assertThat(driver.sample().machines()).noneMatch(s -> s.uuid().equals(id));
        driver.stop(id); // stopping a stopped machine changes nothing
        driver.start(id);
        int second = driver.pid(id).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        driver.reboot(id);
        int third = driver.pid(id).orElseThrow();
        assertThat(third).isNotEqualTo(second);
        assertThat(driver.get(id).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        System.out.printf("[measured] stop of an idle machine (SIGTERM to its init): %.2f s%n", stopS);
        assertThat(stopS).as("SIGTERM suffices, no SIGKILL timeout").isLessThan(1.5);
        driver.delete(id);
    }

    @Test
    @Order(10)
    void capabilities_list_what_this_host_enforces_and_measures() {
        var caps = driver.capabilities();
        System.out.println("[measured] capabilities: throttles " + new java.util.TreeSet<>(caps.throttles())
                + ", metrics " + new java.util.TreeSet<>(caps.metrics()) + ", images " + caps.images());
        assertThat(caps.brands()).containsExactly("joyent", "joyent-minimal", "lx");
        assertThat(caps.throttles())
                .contains("cpu_cap", "cpu_shares", "max_physical_memory", "disk_bps_max", "disk_iops_max", "max_lwps");
        assertThat(caps.metrics())
                .contains("cpu", "memory", "disk_write", "net_rx", "lwps")
                .doesNotContain("io_delay", "syscalls", "cpu_demand");
        assertThat(caps.images())
                .contains(WorkloadImages.IDLE.toString(), WorkloadImages.CPU_BURNER.toString())
                .doesNotContain(HOG.toString());
        assertThat(caps.snapshots()).isFalse();
        assertThat(caps.distributions()).isEmpty();
    }

    @Test
    @Order(11)
    void an_unknown_image_is_invalid_and_creates_nothing() {
        CreatePayload p = payload(UUID.randomUUID(), "nope", null, null, null, null);
        assertThatThrownBy(() -> driver.create(p, ProgressListener.NONE))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("is not a workload")
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(DriverException.INVALID));
        assertThat(driver.get(p.uuid())).isEmpty();
    }

    static String httpGet(String ip, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, 80), 500);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no HTTP answer from " + ip + ":80 within " + timeout, last);
    }
}
