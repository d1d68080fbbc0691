package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.api.VrrpSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The driver's parsers and its fake node against what real SmartOS and illumos tools printed, collected from public
 * sources under src/test/resources/smartos/real (each file's source is in the SOURCES.md beside it; the tools'
 * rules, read from their sources, in rules.md and FACTS.md). Where no real sample of a form exists (fmadm's year
 * form, svcs' {@code -}), a real sample is re-printed in that form as the tool's source prints it, and the test
 * says so.
 */
class RealOutputConformanceTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    final ObjectMapper json = new ObjectMapper();

    static String real(String path) {
        return Recorded.read("real/" + path);
    }

    // ---- vmadm ----

    @Test
    void vmadm_list_prints_a_table_whatever_the_options_so_the_driver_lists_with_lookup() throws Exception {
        String printed = real("vmadm/list-default.txt");
        assertThatThrownBy(() -> VmadmParser.parseList(printed))
                .as("what `vmadm list -j` gives a real node: its default table, not JSON")
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("not JSON");

        FakeSmartOs node = new FakeSmartOs();
        SmartOsDriver driver = SmartOsDriver.open("cn-real", node, NOW, false);
        UUID uuid = UUID.randomUUID();
        driver.create(
                SmartOsDriverTest.payload(uuid, "joyent", 4096L, 50), io.zonedeck.agent.driver.ProgressListener.NONE);
        String fakeTable = node.run(List.of("/usr/sbin/vmadm", "list", "-j"), null, SmartOsDriver.QUICK)
                .stdout();
        String[] realLines = printed.split("\n");
        String[] fakeLines = fakeTable.split("\n");
        assertThat(fakeLines[0]).as("the fake prints the real header").isEqualTo(realLines[0]);
        assertThat(columns(fakeLines[1]))
                .as("and its rows in the real layout (columns at the real offsets)")
                .isEqualTo(columns(realLines[1]));
        assertThat(fakeLines[1]).startsWith(uuid + "  OS    4096     running");
        assertThat(node.run(List.of("/usr/sbin/vmadm", "list", "-j", "-o", "uuid"), null, SmartOsDriver.QUICK)
                        .stdout())
                .as("nopt: -j swallows -o, and 'uuid' becomes a filter uuid=\"\" that matches nothing")
                .isEqualTo(realLines[0] + "\n");
        assertThat(node.run(List.of("/usr/sbin/vmadm", "list", "-pH", "-o", "uuid,state"), null, SmartOsDriver.QUICK)
                        .stdout())
                .isEqualTo(uuid + ":running\n");

        assertThat(driver.list()).extracting(MachineInfo::uuid).containsExactly(uuid);
        assertThat(node.calls("vmadm list")).as("only the test's own calls").hasSize(3);
        assertThat(node.calls("vmadm lookup -j -o uuid,")).hasSize(1);
        driver.close();
    }

    /** Where each column of a `vmadm list` row starts. */
    private static List<Integer> columns(String row) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) != ' ' && (i == 0 || row.charAt(i - 1) == ' ')) {
                starts.add(i);
            }
        }
        return starts.subList(0, 4);
    }

    @Test
    void vmadm_lookup_json_of_a_2011_node_reads() throws Exception {
        List<VmadmParser.Vm> vms = VmadmParser.parseList(real("vmadm/lookup-j.json"));
        assertThat(vms).hasSize(1);
        VmadmParser.Vm vm = vms.get(0);
        MachineInfo m = vm.info();
        assertThat(m.uuid()).isEqualTo(UUID.fromString("54f1cc77-68f1-42ab-acac-5c4f64f5d6e0"));
        assertThat(m.alias()).isEqualTo("zone70");
        assertThat(m.brand()).isEqualTo("joyent");
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.maxPhysicalMemory()).isEqualTo(256);
        assertThat(m.quota()).isEqualTo(20);
        assertThat(m.ips()).as("ip + netmask of the old NIC form").containsExactly("10.2.121.70");
        assertThat(m.nics().get(0).ips()).containsExactly("10.2.121.70/16");
        assertThat(vm.zoneId()).as("zoneid printed as a string").isEqualTo(39);
        assertThat(vm.nics().get(0).iface())
                .as("'physical' before 'interface' existed")
                .isEqualTo("net0");
    }

    @Test
    void vmadm_get_of_kvm_and_joyent_minimal_machines_reads() throws Exception {
        MachineInfo kvm =
                VmadmParser.parseGet("f8d9ac41", real("vmadm/get-kvm.json")).info();
        assertThat(kvm.brand()).isEqualTo("kvm");
        assertThat(kvm.state()).isEqualTo(MachineState.RUNNING);
        assertThat(kvm.ram()).isEqualTo(256);
        assertThat(kvm.maxPhysicalMemory()).as("ram + vmadm's overhead").isEqualTo(512);
        assertThat(kvm.vcpus()).isEqualTo(1);
        assertThat(kvm.ips()).containsExactly("192.168.1.2");
        assertThat(kvm.createTimestamp()).isEqualTo(Instant.parse("2013-07-29T19:56:01.563Z"));

        VmadmParser.Vm minimal = VmadmParser.parseGet("6d7d6f4b", real("vmadm/get-joyent-minimal.json"));
        assertThat(minimal.info().brand()).isEqualTo("joyent-minimal");
        assertThat(minimal.info().imageUuid()).isEqualTo(UUID.fromString("cd2d08a0-83f1-11e5-8684-f383641a9854"));
        assertThat(minimal.info().cpuCap()).isEqualTo(100);
        assertThat(minimal.info().cpuShares()).isEqualTo(128);
        assertThat(minimal.info().quota()).isEqualTo(25);
        assertThat(minimal.info().ips()).containsExactly("10.192.0.8");
        assertThat(minimal.zoneId()).isEqualTo(9);
        assertThat(minimal.nics().get(0).iface()).isEqualTo("net0");
    }

    @Test
    void a_vm_printed_without_a_state_is_listed_unknown_not_dropped_and_not_fatal() throws Exception {
        // get-joyent.json is cut where the stored copy ends: it has no "state"
        String list = "[" + real("vmadm/get-joyent.json") + "," + real("vmadm/get-joyent-minimal.json") + "]";
        List<String> errors = new ArrayList<>();
        List<VmadmParser.Vm> vms = VmadmParser.parseList(list, e -> errors.add(e.getMessage()));
        assertThat(vms)
                .extracting(v -> v.info().alias(), v -> v.info().state())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ares", MachineState.UNKNOWN),
                        org.assertj.core.groups.Tuple.tuple("testvm", MachineState.RUNNING));
        assertThat(errors).singleElement().asString().contains("a VM without state");
    }

    @Test
    void the_fake_refuses_what_vmadm_validate_refuses_as_vmadm_prints_it() throws Exception {
        // a real lx payload without kernel_version was refused with exactly this (smartos-live#561)
        VmadmParser.ValidationErrors realErrors =
                VmadmParser.parseValidationErrors(real("vmadm/validate-create-invalid.stderr.txt"));
        assertThat(realErrors.missingProperties()).containsExactly("kernel_version");

        FakeSmartOs node = new FakeSmartOs();
        String lx =
                "{\"brand\":\"lx\",\"image_uuid\":\"63d6e664-3f1f-11e8-aef6-a3120cf8dd9d\",\"max_physical_memory\":512}";
        CommandRunner.Result r = node.run(List.of("/usr/sbin/vmadm", "validate", "create"), lx, SmartOsDriver.QUICK);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).as("vmadm prints its errors on stderr").isEmpty();
        assertThat(json.readTree(r.stderr()))
                .isEqualTo(json.readTree(real("vmadm/validate-create-invalid.stderr.txt")));

        assertThat(validate(node, hvm("bhyve", true, true)).path("bad_values").toString())
                .as("a zvol image as the zone root")
                .contains("image_uuid");
        assertThat(validate(node, hvm("kvm", false, true))
                        .path("bad_properties")
                        .toString())
                .as("size beside a disk's image_uuid")
                .contains("disks.0.size");
        assertThat(validate(node, hvm("kvm", false, false)))
                .as("the image on disks[0] alone")
                .isNull();
        ObjectNode flexible = hvm("bhyve", false, true);
        flexible.put("flexible_disk_size", 20480);
        assertThat(validate(node, flexible))
                .as("bhyve with flexible_disk_size may size it")
                .isNull();

        ObjectNode zoneWithDisks = (ObjectNode) json.readTree(
                "{\"brand\":\"joyent\",\"image_uuid\":\"c193a558-1d63-11e9-97cf-97bb3ee5c14f\",\"vcpus\":2}");
        assertThat(validate(node, zoneWithDisks).path("bad_properties").toString())
                .contains("vcpus");
        ObjectNode lowSwap = (ObjectNode) json.readTree(
                "{\"brand\":\"joyent\",\"image_uuid\":\"c193a558-1d63-11e9-97cf-97bb3ee5c14f\",\"max_swap\":128}");
        assertThat(validate(node, lowSwap).path("bad_values").toString())
                .as("max_swap is at least 256 MiB")
                .contains("max_swap");
    }

    private ObjectNode hvm(String brand, boolean topLevelImage, boolean sized) throws Exception {
        String zvol = "462d1d03-8457-e134-a408-cf9ea2b9be96";
        ObjectNode p = (ObjectNode) json.readTree("{\"brand\":\"" + brand + "\",\"ram\":1024,\"vcpus\":1,"
                + "\"disks\":[{\"boot\":true,\"model\":\"virtio\",\"image_uuid\":\"" + zvol + "\""
                + (sized ? ",\"size\":10240" : "") + "}]}");
        if (topLevelImage) {
            p.put("image_uuid", zvol);
        }
        return p;
    }

    private ObjectNode validate(FakeSmartOs node, ObjectNode payload) throws Exception {
        CommandRunner.Result r =
                node.run(List.of("/usr/sbin/vmadm", "validate", "create"), payload.toString(), SmartOsDriver.QUICK);
        return r.ok() ? null : (ObjectNode) json.readTree(r.stderr());
    }

    // ---- kstat ----

    @Test
    void triton_zones_with_a_baseline_and_no_burst_limit_may_burst_indefinitely() throws Exception {
        List<KstatParser.Kstat> caps = KstatParser.parse("kstat -p", real("kstat/caps-cpucaps_zone.kstat-p.txt"));
        NodeSample s = new KstatSampler().sample(caps, 8, u -> 100, null);
        MachineSample zone1 = s.machines().stream()
                .filter(m -> m.uuid().equals(UUID.fromString("487b08a7-13ae-44be-82f8-2fdf59516a2f")))
                .findFirst()
                .orElseThrow();
        assertThat(zone1.cpuCap()).isEqualTo(200);
        assertThat(zone1.cpuBaseline()).isEqualTo(18);
        assertThat(zone1.burstCreditS())
                .as("burst_limit_sec 0 is no limit (cpucaps.c), not 'no credit, held to its baseline'")
                .isEqualTo(MachineSample.UNLIMITED_BURST_S);
        assertThat(s.machines()).hasSize(2);

        List<KstatParser.Kstat> zone11 = KstatParser.parse("kstat -p", real("kstat/caps-cpucaps_zone-11.kstat-p.txt"));
        assertThat(zone11.get(0).number("baseline")).isEqualTo(37);
        assertThat(zone11.get(0).number("above_base_sec")).isEqualTo(515);
    }

    @Test
    void a_zone_whose_effective_cap_fell_to_its_baseline_has_no_credit_left() throws Exception {
        // the real zone 1 row, re-printed as cpucaps.c reports a zone that used up a 60 s burst limit
        String held = real("kstat/caps-cpucaps_zone.kstat-p.txt")
                .replace("caps:1:cpucaps_zone_1:burst_limit_sec   0", "caps:1:cpucaps_zone_1:burst_limit_sec   60")
                .replace("caps:1:cpucaps_zone_1:effective 200", "caps:1:cpucaps_zone_1:effective 18");
        MachineSample zone1 = new KstatSampler()
                .sample(KstatParser.parse("kstat -p", held), 8, u -> 100, null)
                .machines()
                .get(0);
        assertThat(zone1.burstCreditS()).isZero();
        String bursting = held.replace("caps:1:cpucaps_zone_1:effective 18", "caps:1:cpucaps_zone_1:effective 200")
                .replace("caps:1:cpucaps_zone_1:bursting_sec      0", "caps:1:cpucaps_zone_1:bursting_sec      45");
        MachineSample burning = new KstatSampler()
                .sample(KstatParser.parse("kstat -p", bursting), 8, u -> 100, null)
                .machines()
                .get(0);
        assertThat(burning.burstCreditS()).isEqualTo(15);
    }

    @Test
    void memory_cap_and_zones_kstats_with_names_cut_to_30_characters_read_by_their_zonename() throws Exception {
        List<KstatParser.Kstat> mem = KstatParser.parse("kstat -p", real("kstat/memory_cap.kstat-p.txt"));
        assertThat(mem).hasSize(1);
        assertThat(mem.get(0).name()).hasSize(30);
        assertThat(mem.get(0).get("zonename")).isEqualTo("962bc668-09d5-c087-b16f-d5aa6e88d042");
        MachineSample m =
                new KstatSampler().sample(mem, 8, u -> 100, null).machines().get(0);
        assertThat(m.uuid()).isEqualTo(UUID.fromString("962bc668-09d5-c087-b16f-d5aa6e88d042"));
        assertThat(m.memRssMiB()).isEqualTo(63193088L >> 20);
        assertThat(m.memCapMiB()).isEqualTo(16384);
        assertThat(m.swapMiB()).isEqualTo((70828032L - 63193088L) >> 20);

        List<KstatParser.Kstat> global = KstatParser.parse("kstat -p", real("kstat/memory_cap-global-rss.kstat-p.txt"));
        assertThat(global.get(0).name()).isEqualTo("global");

        List<KstatParser.Kstat> zones = KstatParser.parse("kstat -p", real("kstat/zones-misc.kstat-p.txt"));
        assertThat(zones.get(0).number("nsec_user")).isEqualTo(550830053620923d);
        assertThat(zones.get(0).get("zonename")).startsWith(zones.get(0).name());
    }

    // ---- fmadm ----

    @Test
    void fmadm_faulty_of_real_nodes_reads_every_problem() throws Exception {
        List<FmaFault> cn01 = FmadmParser.parse(real("fmadm/faulty-illumos-joyent-196-cn01.txt"), NOW);
        assertThat(cn01).singleElement().satisfies(f -> {
            assertThat(f.uuid()).isEqualTo("4a300256-d6fd-489d-81db-ce510f92b078");
            assertThat(f.code()).isEqualTo("SUNOS-8000-J0");
            assertThat(f.severity()).isEqualTo("Major");
            assertThat(f.resource()).isEqualTo("dev:////pci@0,0");
            assertThat(f.summary())
                    .startsWith("The diagnosis engine encountered telemetry")
                    .doesNotContain("Refer to");
        });
        List<FmaFault> genesis = FmadmParser.parse(real("fmadm/faulty-smartos-genesis-2records.txt"), NOW);
        assertThat(genesis).extracting(FmaFault::code).containsExactly("ZFS-8000-HC", "PCIEX-8000-KP");
        assertThat(genesis.get(0).resource()).isEqualTo("zfs://pool=filepool");
    }

    @Test
    void a_fault_older_than_six_months_is_printed_with_its_year_and_still_reads() throws Exception {
        // no real capture of the year form was found: the real cn01 row re-printed as faulty.c's format_date
        // prints a diagnosis older than 6 * 30 days ("%b %d %Y    ", padded to the same 15 columns)
        String old = real("fmadm/faulty-illumos-joyent-196-cn01.txt")
                .replace("Apr 27 20:16:44 4a300256", "Apr 27 2025     4a300256");
        List<FmaFault> faults = FmadmParser.parse(old, NOW);
        assertThat(faults)
                .singleElement()
                .satisfies(f -> assertThat(f.timestamp())
                        .isEqualTo(LocalDate.of(2025, 4, 27)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .toEpochMilli()));
    }

    // ---- svcs ----

    @Test
    void svcs_lines_of_real_nodes_read_with_their_space_padded_hours_and_month_days() throws Exception {
        String list = real("svcs/svcs-online-maintenance-basho-59.txt")
                + real("svcs/svcs-maintenance-line-triton-247.txt")
                + withoutHeader(real("svcs/svcs-sar-disabled.txt"));
        String explain = real("svcs/svcs-xv-sar-maintenance.txt");
        List<SmfService> services = SvcsParser.parse(list, explain, NOW);
        assertThat(services)
                .extracting(SmfService::fmri, SmfService::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("svc:/network/riak-epmd:default", "online"),
                        org.assertj.core.groups.Tuple.tuple("svc:/application/riak:default", "maintenance"),
                        org.assertj.core.groups.Tuple.tuple("svc:/smartdc/agent/ca/cainstsvc:default", "maintenance"),
                        org.assertj.core.groups.Tuple.tuple("svc:/system/sar:default", "disabled"));
        assertThat(services.get(2).since())
                .as("' 7:47:28' (%k) is this morning")
                .isEqualTo(Instant.parse("2026-11-25T07:47:28Z").toEpochMilli());
        assertThat(SvcsParser.stime("Jan_22", "", NOW))
                .as("the Mon_DD form of svcs -pv")
                .isEqualTo(Instant.parse("2026-01-22T00:00:00Z").toEpochMilli());

        assertThat(SvcsParser.parseReasons(explain))
                .containsEntry(
                        "svc:/system/sar:default", "Start method failed repeatedly, last exited with status 127.");
        assertThat(SvcsParser.parseReasons(real("svcs/svcs-xv-offline-helios-omicron-4399.txt")))
                .as("a reason continues on its indented lines; Path lists are not part of it")
                .containsEntry(
                        "svc:/milestone/single-user:default",
                        "Service svc:/network/ip-interface-management:default is not running because a method failed.");
    }

    @Test
    void a_service_without_a_state_time_reads_as_unknown_since_and_an_odd_line_hides_nothing_else() throws Exception {
        // svcs prints "-" when the restarter's state_timestamp cannot be read (svcs.c); no capture exists, so a real
        // line is re-printed that way
        String dash = real("svcs/svcs-maintenance-line-triton-247.txt").replace(" 7:47:28", "-       ");
        String list = real("svcs/svcs-online-maintenance-basho-59.txt") + dash + "garbage\n";
        List<String> errors = new ArrayList<>();
        List<SmfService> services = SvcsParser.parse(list, "", NOW, e -> errors.add(e.getMessage()));
        assertThat(services).hasSize(3);
        assertThat(services.get(2).since()).isZero();
        assertThat(errors).singleElement().asString().contains("garbage");
    }

    private static String withoutHeader(String svcs) {
        return svcs.substring(svcs.indexOf('\n') + 1);
    }

    // ---- vrrpadm ----

    @Test
    void the_documented_vrrp_zone_gets_its_router_on_the_primary_nics_link() throws Exception {
        FakeSmartOs node = new FakeSmartOs();
        SmartOsDriver driver = SmartOsDriver.open("cn-real", node, NOW, false);
        UUID uuid = UUID.randomUUID();
        ObjectNode payload = (ObjectNode) json.readTree(real("vrrpadm/vrrp-nics-payload.json"));
        payload.put("uuid", uuid.toString())
                .put("brand", "joyent")
                .put("image_uuid", "c193a558-1d63-11e9-97cf-97bb3ee5c14f");
        assertThat(node.run(List.of("/usr/sbin/vmadm", "create"), payload.toString(), SmartOsDriver.QUICK)
                        .ok())
                .isTrue();

        driver.vrrp()
                .orElseThrow()
                .configure(
                        uuid,
                        new VrrpSpec(100, "10.2.59.9", 255, 1000, true, true, List.of("10.2.59.8"), "external", 1059));

        // the docs: "vrrpadm create-router -V 100 -l net1 -A inet router0"; show-router then says LINK net1, VNIC net0
        assertThat(real("vrrpadm/show-router.txt"))
                .contains("router0 100  net1")
                .contains("MASTER net0");
        assertThat(node.calls("zlogin " + uuid + " vrrpadm create-router"))
                .singleElement()
                .satisfies(c -> assertThat(String.join(" ", c.argv()))
                        .contains("-V 100")
                        .contains("-l net1"));
        assertThat(node.calls("vmadm update"))
                .as("net1 already allows IP spoofing and the VRRP NIC exists: nothing to change")
                .isEmpty();
        assertThat(driver.vrrp().orElseThrow().routers())
                .singleElement()
                .satisfies(r -> assertThat(r.vips()).containsExactly("10.2.59.8"));
        driver.close();
    }

    // ---- dtrace ----

    @Test
    void printa_of_a_keyed_llquantize_reads_into_a_histogram() throws Exception {
        // the "tabs" aggregation of illumos' llquantize test tst.multiaggs.d.out, between the program's markers
        String[] printa = real("dtrace/llquantize-keyed-multiaggs.printa.txt").split("\n");
        StringBuilder block = new StringBuilder("--- 1764057600\n@syslat\n");
        for (int i = 6; i <= 10; i++) {
            block.append(printa[i]).append('\n');
        }
        block.append("@end\n");
        assertThat(printa[6].strip()).isEqualTo("tabs");
        DtraceParser.Second second = DtraceParser.parseBlock(block.toString());
        Histogram tabs = second.syscallLatency().get("tabs");
        assertThat(tabs.pairs())
                .as("the one non-zero row, 10000 µs with count 1")
                .singleElement()
                .satisfies(p -> assertThat(p).containsExactly(10000, 1));
    }
}
