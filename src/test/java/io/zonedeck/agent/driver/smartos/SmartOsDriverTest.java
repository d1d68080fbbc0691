package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmartOsDriverTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    static final UUID WEB = UUID.fromString("5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11");
    static final UUID IMAGE = UUID.fromString("c193a558-1d63-11e9-97cf-97bb3ee5c14f");

    final ObjectMapper json = new ObjectMapper();
    FakeSmartOs node;
    SmartOsDriver driver;

    @BeforeEach
    void open() throws Exception {
        node = new FakeSmartOs();
        driver = SmartOsDriver.open("cn-a01", node, NOW, true);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    static CreatePayload payload(UUID uuid, String brand, Long ram, Integer cap) {
        return payload(uuid, brand, IMAGE, ram, cap);
    }

    static CreatePayload payload(UUID uuid, String brand, UUID image, Long ram, Integer cap) {
        return new CreatePayload(
                uuid,
                brand,
                "web",
                image,
                ram,
                5L,
                cap,
                100,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                40,
                300,
                1_000_000L,
                null);
    }

    @Test
    void resources_and_capabilities_come_from_sysinfo_and_the_pool() {
        assertThat(driver.name()).isEqualTo("smartos");
        assertThat(driver.resources())
                .isEqualTo(new NodeResources(
                        "cn-a01", 40, 196498, 895, List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve")));
        NodeCapabilities c = driver.capabilities();
        assertThat(c.throttles())
                .containsExactlyInAnyOrder(
                        "cpu_cap", "cpu_shares", "zfs_io_priority", "max_physical_memory", "max_lwps");
        assertThat(c.metrics())
                .contains("cpu", "cpu_cap", "memory", "memory_cap", "swap", "io_delay", "net_rx", "lwps", "syscalls");
        assertThat(c.metrics()).doesNotContain("cpu_baseline", "burst_credit");
        assertThat(c.distributions()).containsExactlyInAnyOrder("syscall_latency", "disk_latency", "runq_latency");
        assertThat(c.vrrp()).isTrue();
        assertThat(c.snapshots()).isTrue();
        assertThat(c.images()).isNull();
        assertThat(node.calls())
                .extracting(FakeSmartOs.Call::command)
                .containsExactly(
                        "sysinfo",
                        "zfs list -H -p -o used,available zones",
                        node.calls().get(2).command());
        assertThat(node.calls().get(2).command()).startsWith("dtrace -q -s ").endsWith(".d");
    }

    @Test
    void without_dtrace_the_node_does_not_advertise_syscalls_or_distributions() throws Exception {
        SmartOsDriver plain = SmartOsDriver.open("cn-a01", new FakeSmartOs(), NOW, false);
        assertThat(plain.capabilities().metrics()).doesNotContain("syscalls");
        assertThat(plain.capabilities().distributions()).isEmpty();
    }

    @Test
    void create_validates_then_pipes_the_payload_with_vmadm_names_and_drops_what_vmadm_does_not_know()
            throws Exception {
        UUID uuid = UUID.randomUUID();
        List<String> steps = new ArrayList<>();
        driver.create(payload(uuid, "joyent", 256L, 50), (step, pct) -> steps.add(pct + " " + step));

        List<FakeSmartOs.Call> create = node.calls("vmadm create");
        assertThat(create).hasSize(1);
        JsonNode sent = json.readTree(create.get(0).stdin());
        assertThat(sent.get("uuid").asText()).isEqualTo(uuid.toString());
        assertThat(sent.get("max_physical_memory").asLong()).isEqualTo(256);
        assertThat(sent.get("cpu_cap").asInt()).isEqualTo(50);
        assertThat(sent.get("quota").asInt()).isEqualTo(5);
        assertThat(sent.get("image_uuid").asText()).isEqualTo(IMAGE.toString());
        assertThat(sent.get("autoboot").asBoolean()).isTrue();
        assertThat(sent.has("cpu_baseline") || sent.has("cpu_burst_seconds") || sent.has("disk_bps_max"))
                .isFalse();
        assertThat(node.calls("vmadm validate create")).hasSize(1);
        assertThat(node.calls("vmadm validate create").get(0).stdin())
                .isEqualTo(create.get(0).stdin());
        assertThat(steps).containsExactly("5 validating payload", "10 vmadm create", "100 running");

        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.cpuCap()).isEqualTo(50);
        assertThat(driver.list()).extracting(MachineInfo::uuid).containsExactly(uuid);
    }

    static final UUID ZVOL = UUID.fromString("462d1d03-8457-e134-a408-cf9ea2b9be96");

    /** A hardware VM as the portal builds it (MachinePayloads): the image top-level and on a sized boot disk. */
    static CreatePayload hvmPayload(UUID uuid, String brand) {
        return new CreatePayload(
                uuid,
                brand,
                "db",
                ZVOL,
                2048L,
                20L,
                200,
                100,
                null,
                null,
                2,
                List.of(new io.zonedeck.agent.api.Nic(
                        "external", List.of("10.88.0.40/24"), List.of("10.88.0.1"), 0, true)),
                null,
                null,
                2048L,
                null,
                List.of(
                        new io.zonedeck.agent.api.Disk(10240L, true, ZVOL, "virtio"),
                        new io.zonedeck.agent.api.Disk(20480L, false, null, "virtio")),
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void a_hardware_vm_boots_from_its_image_on_the_first_disk_as_vmadm_requires() throws Exception {
        for (String brand : List.of("kvm", "bhyve")) {
            UUID uuid = UUID.randomUUID();
            driver.create(hvmPayload(uuid, brand), ProgressListener.NONE);

            JsonNode sent = json.readTree(node.calls("vmadm create")
                    .get(node.calls("vmadm create").size() - 1)
                    .stdin());
            assertThat(sent.has("image_uuid"))
                    .as(brand + ": no zvol as the zone root")
                    .isFalse();
            assertThat(sent.get("disks").get(0).get("image_uuid").asText()).isEqualTo(ZVOL.toString());
            assertThat(sent.get("disks").get(0).has("size"))
                    .as("the image's size, not ours")
                    .isFalse();
            assertThat(sent.get("disks").get(1).get("size").asLong()).isEqualTo(20480);
            assertThat(sent.get("nic_driver").asText())
                    .as("HVM NICs need a model")
                    .isEqualTo("virtio");
            MachineInfo m = driver.get(uuid).orElseThrow();
            assertThat(m.state()).isEqualTo(MachineState.RUNNING);
            assertThat(m.imageUuid()).as("read back from the boot disk").isEqualTo(ZVOL);
        }

        // the payload as the protocol carries it, handed to vmadm unchanged, is what a real node refuses
        ObjectMapper agentJson = io.zonedeck.agent.api.AgentJson.newMapper();
        CommandRunner.Result refused = node.run(
                List.of("/usr/sbin/vmadm", "validate", "create"),
                agentJson.writeValueAsString(hvmPayload(UUID.randomUUID(), "bhyve")),
                SmartOsDriver.QUICK);
        assertThat(refused.exitCode()).isEqualTo(1);
        JsonNode errors = json.readTree(refused.stderr());
        assertThat(errors.get("bad_values").toString()).contains("image_uuid");
        assertThat(errors.get("bad_properties").toString()).contains("disks.0.size");
    }

    @Test
    void an_lx_zone_gets_the_kernel_version_vmadm_requires_from_its_image() throws Exception {
        UUID lxImage = UUID.fromString("63d6e664-3f1f-11e8-aef6-a3120cf8dd9d");
        UUID plain = UUID.randomUUID();
        driver.create(payload(plain, "lx", lxImage, 512L, 100), ProgressListener.NONE);
        assertThat(json.readTree(node.calls("vmadm create").get(0).stdin())
                        .get("kernel_version")
                        .asText())
                .as("the image names none: the fallback")
                .isEqualTo(VmadmPayload.LX_KERNEL_VERSION);

        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode images =
                (com.fasterxml.jackson.databind.node.ArrayNode) m.readTree(Recorded.read("imgadm-list.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) images.get(1).get("manifest"))
                .putObject("tags")
                .put("kernel_version", "4.3.0");
        node.override("imgadm list", new CommandRunner.Result(0, images.toString(), ""));
        UUID tagged = UUID.randomUUID();
        driver.create(payload(tagged, "lx", lxImage, 512L, 100), ProgressListener.NONE);
        assertThat(json.readTree(node.calls("vmadm create").get(1).stdin())
                        .get("kernel_version")
                        .asText())
                .isEqualTo("4.3.0");
        assertThat(driver.get(tagged).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void an_image_the_node_lacks_is_imported_before_create_and_an_installed_one_is_not() throws Exception {
        UUID missing = UUID.randomUUID();
        CreatePayload p = new CreatePayload(
                UUID.randomUUID(), "joyent", "x", missing, 256L, 5L, 0, 100, null, null, null, null, null, null);
        List<String> steps = new ArrayList<>();
        driver.create(p, (step, pct) -> steps.add(step));
        assertThat(steps.get(0)).isEqualTo("importing image " + missing);
        assertThat(node.calls("imgadm import"))
                .extracting(FakeSmartOs.Call::command)
                .containsExactly("imgadm import -q " + missing);
        driver.create(payload(UUID.randomUUID(), "joyent", 256L, 50), ProgressListener.NONE);
        assertThat(node.calls("imgadm import"))
                .as("the recorded base-64-lts is installed")
                .hasSize(1);

        node.override(
                "imgadm import",
                new CommandRunner.Result(
                        1,
                        "",
                        "imgadm: error (ActiveImageNotFound): " + "an active image \"" + missing
                                + "\" was not found in image sources"));
        CreatePayload q = new CreatePayload(
                UUID.randomUUID(),
                "joyent",
                "y",
                UUID.randomUUID(),
                256L,
                5L,
                0,
                100,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> driver.create(q, ProgressListener.NONE))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.code()).isEqualTo(DriverException.INVALID);
                    assertThat(e.getMessage()).contains("imgadm import").contains("was not found");
                });
        assertThat(driver.get(q.uuid())).isEmpty();
    }

    @Test
    void list_reads_vmadm_again_only_after_a_change_or_when_its_answer_is_old() throws Exception {
        java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(0);
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
        FakeSmartOs fake = new FakeSmartOs();
        SmartOsDriver d = SmartOsDriver.open("cn-a01", fake, ticking, false);
        d.list();
        d.list();
        assertThat(fake.calls("vmadm lookup")).hasSize(1);
        UUID uuid = UUID.randomUUID();
        d.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        assertThat(d.list()).extracting(MachineInfo::uuid).containsExactly(uuid);
        assertThat(fake.calls("vmadm lookup")).hasSize(2);
        millis.addAndGet(1999);
        d.list();
        assertThat(fake.calls("vmadm lookup")).hasSize(2);
        millis.addAndGet(1);
        d.list();
        assertThat(fake.calls("vmadm lookup")).hasSize(3);
    }

    @Test
    void a_machine_goes_through_its_lifecycle_with_exactly_the_vmadm_commands() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 512L, 100), ProgressListener.NONE);
        driver.stop(uuid);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        driver.stop(uuid);
        driver.start(uuid);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        driver.reboot(uuid);
        driver.update(
                uuid,
                UpdatePayload.none()
                        .withAlias("renamed")
                        .withThrottles(80, 200, 10, 5, null, 5_000_000L, null, 1024L, null));
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.alias()).isEqualTo("renamed");
        assertThat(m.cpuCap()).isEqualTo(80);
        assertThat(m.cpuShares()).isEqualTo(200);
        assertThat(m.maxPhysicalMemory()).isEqualTo(1024);
        JsonNode update = json.readTree(node.calls("vmadm update").get(0).stdin());
        assertThat(update.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("alias", "cpu_cap", "cpu_shares", "max_physical_memory");
        driver.delete(uuid);
        assertThat(driver.get(uuid)).isEmpty();

        String u = uuid.toString();
        assertThat(node.calls("vmadm").stream()
                        .map(FakeSmartOs.Call::command)
                        .filter(c -> !c.startsWith("vmadm get") && !c.startsWith("vmadm list")))
                .containsExactly(
                        "vmadm validate create",
                        "vmadm create",
                        "vmadm stop " + u,
                        "vmadm start " + u,
                        "vmadm reboot " + u,
                        "vmadm update " + u,
                        "vmadm delete " + u);
    }

    @Test
    void vmadm_errors_become_the_protocols_codes() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        assertThatThrownBy(() -> driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.DUPLICATE));
        assertThatThrownBy(() -> driver.create(payload(UUID.randomUUID(), "joyent", -1L, 50), ProgressListener.NONE))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.code()).isEqualTo(DriverException.INVALID);
                    assertThat(e.getMessage()).contains("max_physical_memory");
                });
        assertThatThrownBy(() -> driver.create(payload(UUID.randomUUID(), "windows", 256L, 50), ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.INVALID));
        driver.stop(uuid);
        node.override("vmadm start", new CommandRunner.Result(1, "", Recorded.read("vmadm-start-failed.txt")));
        assertThatThrownBy(() -> driver.start(uuid)).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(DriverException.OPERATION_FAILED);
            assertThat(e.getMessage())
                    .startsWith("vmadm start " + uuid + " exited 1:")
                    .contains("is busy");
        });
        assertThatThrownBy(() -> driver.reboot(uuid))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.INVALID_STATE));
        assertThatThrownBy(() -> driver.delete(UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_FOUND));
    }

    @Test
    void garbage_from_vmadm_list_is_a_driver_exception_naming_the_command_and_list_keeps_what_it_knew()
            throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        assertThat(driver.list()).hasSize(1);
        node.override("vmadm lookup -j", new CommandRunner.Result(0, "<html>502 Bad Gateway</html>", ""));
        assertThatThrownBy(() -> driver.vms())
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("vmadm lookup -j")
                .hasMessageContaining("<html>502 Bad Gateway</html>");
        assertThat(driver.list()).extracting(MachineInfo::uuid).containsExactly(uuid);
        assertThat(driver.lastError()).contains("vmadm lookup -j");

        node.override("vmadm get", new CommandRunner.Result(0, "{\"uuid\": 42}", ""));
        assertThatThrownBy(() -> driver.stop(uuid)).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(DriverException.OPERATION_FAILED);
            assertThat(e.getMessage()).contains("vmadm get " + uuid).contains("uuid is not a string");
        });
        node.override("vmadm get", new CommandRunner.Result(137, "", "Killed"));
        assertThatThrownBy(() -> driver.start(uuid))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("Killed");
    }

    @Test
    void a_capped_zone_samples_at_its_cap_and_a_bad_kstat_line_is_skipped_and_remembered() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        driver.sample();
        NodeSample s = driver.sample();
        MachineSample m = s.machines().stream()
                .filter(x -> x.uuid().equals(uuid))
                .findFirst()
                .orElseThrow();
        assertThat(m.cpuPct()).isCloseTo(50.0, within(1e-6));
        assertThat(m.cpuCap()).isEqualTo(50);
        assertThat(m.memCapMiB()).isEqualTo(256);
        assertThat(m.memRssMiB()).isEqualTo(64);
        assertThat(m.diskWriteBytes()).isEqualTo(8192);
        assertThat(m.netTxBytes()).isEqualTo(2000);
        assertThat(m.cpuShares()).isEqualTo(100);

        node.override(
                "kstat",
                new CommandRunner.Result(0, "kstat: warning: something odd\n" + Recorded.read("kstat-1.txt"), ""));
        NodeSample bad = driver.sample();
        assertThat(bad.machines()).extracting(MachineSample::uuid).contains(WEB);
        assertThat(driver.lastError()).contains("kstat -p").contains("kstat: warning: something odd");

        node.override("kstat", new CommandRunner.Result(1, "", "kstat: kstat_open: Permission denied"));
        assertThat(driver.sample().machines()).isEmpty();
        assertThat(driver.lastError()).contains("Permission denied");
    }

    @Test
    void dtrace_seconds_become_the_machines_syscalls_and_latency_histograms() throws Exception {
        driver.create(payload(WEB, "joyent", 256L, 50), ProgressListener.NONE);
        node.dtraceLines(Recorded.read("dtrace-second.txt"));
        MachineSample m = driver.sample().machines().stream()
                .filter(x -> x.uuid().equals(WEB))
                .findFirst()
                .orElseThrow();
        assertThat(m.syscallLatency().total()).isEqualTo(10517);
        assertThat(m.diskLatency().total()).isEqualTo(98);
        assertThat(m.runqLatency().total()).isEqualTo(538);
        assertThat(m.syscalls())
                .containsEntry("read", 4400L)
                .containsEntry("write", 2210L)
                .containsEntry("open", 42L)
                .containsEntry("stat", 90L)
                .containsEntry("pollsys", 1200L)
                .containsEntry("other", 2480L)
                .containsEntry("mmap", 0L);
        MachineSample next = driver.sample().machines().get(0);
        assertThat(next.syscalls()).as("a second is reported once").isNull();

        node.dtraceLines("--- 1764057601\n@syslat\n  zone\n   bogus row\n@end\n");
        driver.sample();
        assertThat(driver.lastError()).contains("dtrace").contains("bogus row");
    }

    @Test
    void snapshots_use_vmadm_and_read_back_from_zfs() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        driver.createSnapshot(uuid, "before");
        driver.createSnapshot(uuid, "after");
        assertThat(driver.snapshots(uuid)).extracting(s -> s.name()).containsExactly("before", "after");
        assertThatThrownBy(() -> driver.createSnapshot(uuid, "before"))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.DUPLICATE));
        assertThatThrownBy(() -> driver.createSnapshot(uuid, "no spaces"))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.INVALID));
        driver.rollbackSnapshot(uuid, "before");
        assertThat(driver.snapshots(uuid)).extracting(s -> s.name()).containsExactly("before");
        String u = uuid.toString();
        assertThat(node.calls("vmadm").stream()
                        .map(FakeSmartOs.Call::command)
                        .filter(c ->
                                c.startsWith("vmadm stop") || c.startsWith("vmadm start") || c.contains("snapshot")))
                .endsWith("vmadm stop " + u, "vmadm rollback-snapshot " + u + " before", "vmadm start " + u);
        assertThat(node.calls("zfs list -H -p -t").get(0).argv())
                .containsExactly(
                        "/usr/sbin/zfs",
                        "list",
                        "-H",
                        "-p",
                        "-t",
                        "snapshot",
                        "-o",
                        "name,creation,used",
                        "-d",
                        "1",
                        "zones/" + u);
        assertThatThrownBy(() -> driver.deleteSnapshot(uuid, "after"))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_FOUND));
        driver.deleteSnapshot(uuid, "before");
        assertThat(driver.snapshots(uuid)).isEmpty();

        UUID kvm = UUID.randomUUID();
        driver.create(payload(kvm, "kvm", 256L, 50), ProgressListener.NONE);
        assertThatThrownBy(() -> driver.createSnapshot(kvm, "x"))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_SUPPORTED));
    }

    @Test
    void health_reads_svcs_and_fmadm_and_keeps_the_last_answer_when_they_fail() {
        NodeHealth h = driver.health();
        assertThat(h.supported()).isTrue();
        assertThat(h.services()).hasSize(11);
        assertThat(h.faults()).extracting(f -> f.code()).containsExactly("ZFS-8000-FD", "SUNOS-8000-J0");
        node.override("fmadm", new CommandRunner.Result(0, "fmadm: unexpected banner\n", ""));
        assertThat(driver.health()).isEqualTo(h);
        assertThat(driver.lastError()).contains("fmadm faulty").contains("unexpected banner");

        // what fmadm cannot tell no longer hides the services, nor an odd svcs line the others
        node.override(
                "svcs -H",
                new CommandRunner.Result(0, "online          7:47:28 svc:/system/zones:default\nsomething odd\n", ""));
        NodeHealth partly = driver.health();
        assertThat(partly.services()).extracting(SmfService::fmri).containsExactly("svc:/system/zones:default");
        assertThat(partly.faults()).as("the last faults fmadm told").isEqualTo(h.faults());
        assertThat(driver.lastError()).contains("fmadm faulty");
    }

    @Test
    void vrrp_routers_are_read_with_vrrpadm_in_the_zone_and_transitions_are_reported() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, "joyent", 256L, 50), ProgressListener.NONE);
        // the machine needs an IP of its own to be the primary IP
        driver.update(
                uuid,
                UpdatePayload.none()
                        .withNics(
                                List.of(new io.zonedeck.agent.api.Nic(
                                        "external",
                                        List.of("10.88.0.21/24"),
                                        List.of(),
                                        0,
                                        true,
                                        "90:b8:d0:4e:8a:21",
                                        null)),
                                null));
        List<VrrpTransition> transitions = new ArrayList<>();
        driver.vrrp().orElseThrow().setTransitionListener(transitions::add);
        VrrpSpec spec = new VrrpSpec(42, "10.88.0.21", 100, 1000, true, true, List.of("10.88.0.100"), "external", 0);

        VrrpRouterInfo created = driver.vrrp().orElseThrow().configure(uuid, spec);
        assertThat(created.state())
                .as("on the primary NIC's link, which now allows IP spoofing, the router comes up")
                .isEqualTo(VrrpState.MASTER);
        assertThat(node.calls("zlogin").stream().map(FakeSmartOs.Call::command))
                .contains("zlogin " + uuid
                        + " vrrpadm create-router -V 42 -A inet -l net0 -p 100 -i 1000 -o preempt,accept zd42");
        assertThat(node.vm(uuid).get("nics").get(0).get("allow_ip_spoofing").asBoolean())
                .isTrue();
        assertThat(node.vm(uuid).get("nics").get(1).get("mac").asText())
                .as("the VRRP NIC has the VRID's virtual MAC")
                .isEqualTo("00:00:5e:00:01:2a");

        node.vrrpadm(
                uuid, "zd42:42:100:1000:e-pa-:BACKUP:INIT:   1.000s:10.88.0.21:10.88.0.100:10.88.0.22:200:   0.200s\n");
        VrrpRouterInfo r = driver.vrrp().orElseThrow().configure(uuid, spec);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(r.mac()).isEqualTo("00:00:5e:00:01:2a");
        assertThat(r.peerPrimaryIp()).isEqualTo("10.88.0.22");
        assertThat(r.lastPeerAdvert()).isEqualTo(NOW.millis() - 200);
        JsonNode spoofing = json.readTree(node.calls("vmadm update").get(1).stdin())
                .get("update_nics")
                .get(0);
        assertThat(spoofing.get("mac").asText()).isEqualTo("90:b8:d0:4e:8a:21");
        assertThat(spoofing.get("allow_ip_spoofing").asBoolean()).isTrue();
        JsonNode added = json.readTree(node.calls("vmadm update").get(2).stdin())
                .get("add_nics")
                .get(0);
        assertThat(added.get("vrrp_vrid").asInt()).isEqualTo(42);
        assertThat(added.get("vrrp_primary_ip").asText()).isEqualTo("10.88.0.21");
        assertThat(added.get("ips").get(0).asText())
                .as("the VIP in the primary's subnet")
                .isEqualTo("10.88.0.100/24");
        assertThat(node.calls("zlogin").stream().map(FakeSmartOs.Call::command))
                .contains("zlogin " + uuid + " vrrpadm modify-router -p 100 -i 1000 -o preempt,accept zd42");

        node.vrrpadm(uuid, "zd42:42:100:1000:e-pa-:MASTER:BACKUP:   0.050s:10.88.0.21:10.88.0.100:--:0:   0.000s\n");
        List<VrrpRouterInfo> routers = driver.vrrp().orElseThrow().routers();
        assertThat(routers).extracting(VrrpRouterInfo::state).containsExactly(VrrpState.MASTER);
        assertThat(transitions)
                .extracting(VrrpTransition::from, VrrpTransition::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VrrpState.MASTER, VrrpState.BACKUP),
                        org.assertj.core.groups.Tuple.tuple(VrrpState.BACKUP, VrrpState.MASTER));
        assertThat(transitions.get(1).at()).isEqualTo(NOW.millis() - 50);
        assertThat(transitions.get(1).lastPeerAdvert()).isEqualTo(NOW.millis() - 200);

        assertThatThrownBy(() -> driver.vrrp()
                        .orElseThrow()
                        .configure(uuid, new VrrpSpec(42, "10.9.9.9", 100, 1000, true, true, List.of(), "external", 0)))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.INVALID));
        assertThatThrownBy(() -> driver.vrrp().orElseThrow().setEnabled(uuid, 7, false))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_FOUND));
    }
}
