package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.DriverException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VmadmParserTest {

    @Test
    void a_recorded_vmadm_list_reads_into_machines_with_vmadm_units() throws Exception {
        List<VmadmParser.Vm> vms = VmadmParser.parseList(Recorded.read("vmadm-list.json"));

        assertThat(vms).hasSize(3);
        MachineInfo web = vms.get(0).info();
        assertThat(web.uuid()).isEqualTo(UUID.fromString("5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11"));
        assertThat(web.alias()).isEqualTo("web-1");
        assertThat(web.brand()).isEqualTo("joyent");
        assertThat(web.state()).isEqualTo(MachineState.RUNNING);
        assertThat(web.imageUuid()).isEqualTo(UUID.fromString("c193a558-1d63-11e9-97cf-97bb3ee5c14f"));
        assertThat(web.maxPhysicalMemory()).isEqualTo(1024);
        assertThat(web.quota()).isEqualTo(25);
        assertThat(web.cpuCap()).isEqualTo(100);
        assertThat(web.cpuShares()).isEqualTo(100);
        assertThat(web.maxSwap()).isEqualTo(2048);
        assertThat(web.ips()).containsExactly("10.88.0.21", "10.88.0.100");
        assertThat(web.createTimestamp()).isEqualTo(Instant.parse("2026-11-20T09:14:03.512Z"));
        assertThat(web.tags()).isEqualTo(Map.of("role", "web"));
        assertThat(web.nics().get(0).mac()).isEqualTo("90:b8:d0:4e:8a:21");
        assertThat(web.nics().get(0).ips()).containsExactly("10.88.0.21/24");
        assertThat(vms.get(0).zoneId()).isEqualTo(12);
        assertThat(vms.get(0).vrrpNics())
                .extracting(VmadmParser.VmNic::iface, VmadmParser.VmNic::vrrpVrid, VmadmParser.VmNic::vrrpPrimaryIp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("net1", 42, "10.88.0.21"));
        assertThat(vms.get(0).nicWith("10.88.0.21").map(VmadmParser.VmNic::iface))
                .contains("net0");

        MachineInfo lx = vms.get(1).info();
        assertThat(lx.state()).as("zone_state installed = stopped").isEqualTo(MachineState.STOPPED);
        assertThat(lx.ips()).as("dhcp is no address").isEmpty();
        assertThat(lx.nics().get(0).vlanId()).isEqualTo(120);

        MachineInfo db = vms.get(2).info();
        assertThat(db.brand()).isEqualTo("bhyve");
        assertThat(db.imageUuid())
                .as("an HVM's image is its boot disk's")
                .isEqualTo(UUID.fromString("462d1d03-8457-e134-a408-cf9ea2b9be96"));
        assertThat(db.ram()).isEqualTo(2048);
        assertThat(db.vcpus()).isEqualTo(2);
    }

    @Test
    void garbage_instead_of_json_names_the_command_and_the_line() {
        assertThatThrownBy(() -> VmadmParser.parseList("Segmentation Fault - core dumped\n"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("vmadm lookup -j")
                .hasMessageContaining("Segmentation Fault");
    }

    @Test
    void an_object_where_a_list_belongs_is_refused() {
        assertThatThrownBy(() -> VmadmParser.parseList("{\"uuid\":\"x\"}"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("expected a JSON array");
    }

    @Test
    void every_state_vmadm_reports_has_a_meaning_and_an_unknown_one_marks_only_that_machine() throws Exception {
        assertThat(VmadmParser.state("running")).isEqualTo(MachineState.RUNNING);
        for (String s : List.of("stopped", "installed", "mounted")) {
            assertThat(VmadmParser.state(s)).as(s).isEqualTo(MachineState.STOPPED);
        }
        for (String s : List.of("provisioning", "configured", "incomplete", "receiving")) {
            assertThat(VmadmParser.state(s)).as(s).isEqualTo(MachineState.PROVISIONING);
        }
        for (String s : List.of("ready", "booting")) {
            assertThat(VmadmParser.state(s)).as(s).isEqualTo(MachineState.STARTING);
        }
        for (String s : List.of("stopping", "shutting_down", "down")) {
            assertThat(VmadmParser.state(s)).as(s).isEqualTo(MachineState.STOPPING);
        }
        assertThat(VmadmParser.state("failed")).isEqualTo(MachineState.FAILED);
        assertThat(VmadmParser.state("levitating")).isEqualTo(MachineState.UNKNOWN);

        String list =
                "[{\"uuid\":\"5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11\",\"brand\":\"joyent\",\"state\":\"levitating\"},"
                        + "{\"uuid\":\"6a1d7b8f-3e2c-4d2f-8b4f-4c6b0e1f8d22\",\"brand\":\"lx\",\"state\":\"running\"}]";
        List<VmadmParser.Vm> vms = VmadmParser.parseList(list);
        assertThat(vms).extracting(v -> v.info().state()).containsExactly(MachineState.UNKNOWN, MachineState.RUNNING);
        assertThat(vms.get(0).info().error()).isEqualTo("vmadm reports state 'levitating'");
    }

    @Test
    void a_vm_that_cannot_be_read_is_listed_unknown_with_the_reason_and_the_others_still_list() throws Exception {
        String other = "{\"uuid\":\"6a1d7b8f-3e2c-4d2f-8b4f-4c6b0e1f8d22\",\"brand\":\"lx\",\"state\":\"running\"}";
        String badNumber = "[{\"uuid\":\"5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11\",\"brand\":\"joyent\","
                + "\"state\":\"running\",\"max_physical_memory\":\"lots\"}," + other + "]";
        List<String> errors = new java.util.ArrayList<>();
        List<VmadmParser.Vm> vms = VmadmParser.parseList(badNumber, e -> errors.add(e.getMessage()));
        assertThat(vms).extracting(v -> v.info().state()).containsExactly(MachineState.UNKNOWN, MachineState.RUNNING);
        assertThat(vms.get(0).info().brand()).isEqualTo("joyent");
        assertThat(vms.get(0).info().error()).contains("max_physical_memory is not a number");
        assertThat(errors).singleElement().asString().contains("max_physical_memory is not a number");

        String badUuid = "[{\"uuid\":\"not-a-uuid\",\"brand\":\"joyent\",\"state\":\"running\"}," + other + "]";
        errors.clear();
        assertThat(VmadmParser.parseList(badUuid, e -> errors.add(e.getMessage())))
                .as("a VM without a readable uuid cannot be listed at all")
                .extracting(v -> v.info().brand())
                .containsExactly("lx");
        assertThat(errors).singleElement().asString().contains("uuid is not a UUID");

        String noBrand = "[{\"uuid\":\"5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11\",\"state\":\"running\"}]";
        assertThatThrownBy(() -> VmadmParser.parseList(noBrand))
                .as("the strict form still names the first problem")
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("without brand");
        assertThatThrownBy(() -> VmadmParser.parseList(""))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("no output");
    }

    @Test
    void vms_triton_keeps_out_of_its_inventory_are_left_out() throws Exception {
        String list =
                "[{\"uuid\":\"5f0c6a7e-2d1b-4c1e-9a3e-3b5a9d0e7c11\",\"brand\":\"joyent\",\"state\":\"receiving\","
                        + "\"do_not_inventory\":true},"
                        + "{\"uuid\":\"6a1d7b8f-3e2c-4d2f-8b4f-4c6b0e1f8d22\",\"brand\":\"lx\",\"state\":\"running\"}]";
        assertThat(VmadmParser.parseList(list))
                .extracting(v -> v.info().brand())
                .containsExactly("lx");
    }

    @Test
    void validation_errors_name_every_field() throws Exception {
        VmadmParser.ValidationErrors e = VmadmParser.parseValidationErrors(Recorded.read("vmadm-validate-invalid.txt"));
        assertThat(e.badValues()).containsExactly("max_physical_memory");
        assertThat(e.badProperties()).containsExactly("cpu_baseline");
        assertThat(e.missingProperties()).containsExactly("image_uuid");
        assertThat(e.describe())
                .isEqualTo("invalid value(s) for: max_physical_memory; unknown or not allowed: cpu_baseline; "
                        + "missing: image_uuid");
        assertThatThrownBy(() -> VmadmParser.parseValidationErrors("vmadm: out of memory"))
                .isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("vmadm validate create");
    }

    @Test
    void vmadm_failures_map_to_the_protocols_codes() {
        assertThat(code(Recorded.read("vmadm-get-notfound.txt"))).isEqualTo(DriverException.NOT_FOUND);
        assertThat(code("Failed to delete VM 5f0c: VM 5f0c does not exist")).isEqualTo(DriverException.NOT_FOUND);
        assertThat(code("VM with uuid 5f0c already exists")).isEqualTo(DriverException.DUPLICATE);
        assertThat(code("Invalid value(s) for: max_physical_memory")).isEqualTo(DriverException.INVALID);
        assertThat(code("Cannot reboot VM: VM is not running")).isEqualTo(DriverException.INVALID_STATE);
        assertThat(code("Not enough space on zones for quota 5000")).isEqualTo(DriverException.INSUFFICIENT_CAPACITY);
        assertThat(code(Recorded.read("vmadm-start-failed.txt"))).isEqualTo(DriverException.OPERATION_FAILED);
        DriverException e = VmadmParser.failure(
                "vmadm start X", new CommandRunner.Result(1, "", Recorded.read("vmadm-start-failed.txt")));
        assertThat(e.getMessage())
                .startsWith("vmadm start X exited 1: Failed to start VM")
                .contains("is busy");
    }

    private static String code(String stderr) {
        return VmadmParser.failure("vmadm x", new CommandRunner.Result(1, "", stderr))
                .code();
    }
}
