package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.VmadmDefaults;
import io.zonedeck.agent.driver.VrrpSupport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * VRRP on SmartOS: vmadm gives a machine a VRRP NIC (nic properties vrrp_vrid, vrrp_primary_ip: the VNIC gets the
 * virtual MAC 00:00:5e:00:01:vrid), and illumos' vrrpd inside the zone runs the router, driven with
 * {@code zlogin UUID vrrpadm ...}. As SmartOS's VRRP procedure has it, the router is created on the link of the
 * primary NIC (the one carrying {@code vrrp_primary_ip}, which sends the adverts) and that NIC allows IP spoofing;
 * the VRRP NIC holds the virtual IPs. Router names are {@code zd<vrid>}. Transitions are noticed when
 * {@link #routers()} is read (by the agent's poll): a state that differs from the last one seen is reported with
 * vrrpadm's own time since the transition.
 */
final class SmartOsVrrp implements VrrpSupport {
    private final SmartOsDriver driver;
    private final CommandRunner runner;
    private final Clock clock;
    private final Map<String, VrrpRouterInfo> seen = new ConcurrentHashMap<>();
    private volatile Consumer<VrrpTransition> listener = t -> {};

    SmartOsVrrp(SmartOsDriver driver, CommandRunner runner, Clock clock) {
        this.driver = driver;
        this.runner = runner;
        this.clock = clock;
    }

    static String routerName(int vrid) {
        return "zd" + vrid;
    }

    @Override
    public VrrpRouterInfo configure(UUID machine, VrrpSpec spec) throws DriverException {
        VmadmParser.Vm vm = driver.require(machine);
        if (VmadmDefaults.hvm(vm.info().brand())) {
            throw new DriverException(
                    DriverException.INVALID,
                    "VRRP routers run in zones, not in " + vm.info().brand() + " VMs");
        }
        if (spec.vrid() < 1 || spec.vrid() > 255) {
            throw new DriverException(DriverException.INVALID, "vrid must be 1..255");
        }
        if (spec.priority() < 1 || spec.priority() > 255) {
            throw new DriverException(DriverException.INVALID, "priority must be 1..255");
        }
        if (spec.intervalMs() < 10 || spec.intervalMs() > 40950) {
            throw new DriverException(DriverException.INVALID, "interval must be 10..40950 ms");
        }
        if (spec.primaryIp() == null || !vm.info().ips().contains(spec.primaryIp())) {
            throw new DriverException(
                    DriverException.INVALID, "primary IP " + spec.primaryIp() + " is not an IP of machine " + machine);
        }
        if (vm.info().state() != MachineState.RUNNING) {
            throw new DriverException(DriverException.INVALID_STATE, "a VRRP router runs only while its machine runs");
        }
        VmadmParser.VmNic primary = vm.nicWith(spec.primaryIp())
                .filter(n -> n.vrrpVrid() == null)
                .orElseThrow(() -> new DriverException(
                        DriverException.INVALID,
                        "primary IP " + spec.primaryIp() + " is not on a non-VRRP NIC of machine " + machine));
        if (!primary.allowIpSpoofing()) {
            // the router sends its adverts from the primary IP on the primary NIC's link with the VRRP MAC
            // (smartos-docs "Using VRRP in Zones", smartos-live#136): that NIC must allow IP spoofing
            vmadmUpdate(machine, "{\"update_nics\":[{\"mac\":\"" + primary.mac() + "\",\"allow_ip_spoofing\":true}]}");
        }
        if (vm.vrrpNics().stream().noneMatch(n -> n.vrrpVrid() == spec.vrid())) {
            Integer prefix = primary.prefixOf(spec.primaryIp());
            StringBuilder ips = new StringBuilder();
            for (String vip : spec.vips()) {
                ips.append(ips.isEmpty() ? "" : ",")
                        .append('"')
                        .append(vip.contains("/") ? vip : vip + "/" + (prefix == null ? 32 : prefix))
                        .append('"');
            }
            String addNic = "{\"add_nics\":[{\"nic_tag\":\"" + spec.nicTag() + "\",\"vlan_id\":" + spec.vlanId()
                    + ",\"vrrp_vrid\":" + spec.vrid() + ",\"vrrp_primary_ip\":\"" + spec.primaryIp() + "\",\"ips\":["
                    + ips + "]}]}";
            vmadmUpdate(machine, addNic);
            vm = driver.require(machine);
            if (vm.vrrpNics().stream().noneMatch(n -> n.vrrpVrid() == spec.vrid())) {
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "vmadm update did not add a VRRP NIC for vrid " + spec.vrid());
            }
        }
        String opts = (spec.preempt() ? "preempt" : "un_preempt") + "," + (spec.accept() ? "accept" : "no_accept");
        boolean exists = show(machine).stream().anyMatch(r -> r.vrid() == spec.vrid());
        if (exists) {
            zlogin(
                    machine,
                    List.of(
                            "vrrpadm",
                            "modify-router",
                            "-p",
                            Integer.toString(spec.priority()),
                            "-i",
                            Integer.toString(spec.intervalMs()),
                            "-o",
                            opts,
                            routerName(spec.vrid())));
        } else {
            zlogin(
                    machine,
                    List.of(
                            "vrrpadm",
                            "create-router",
                            "-V",
                            Integer.toString(spec.vrid()),
                            "-A",
                            "inet",
                            "-l",
                            primary.iface(),
                            "-p",
                            Integer.toString(spec.priority()),
                            "-i",
                            Integer.toString(spec.intervalMs()),
                            "-o",
                            opts,
                            routerName(spec.vrid())));
        }
        return router(machine, spec.vrid());
    }

    @Override
    public void remove(UUID machine, int vrid) throws DriverException {
        router(machine, vrid);
        zlogin(machine, List.of("vrrpadm", "delete-router", routerName(vrid)));
        seen.remove(machine + "/" + vrid);
    }

    @Override
    public VrrpRouterInfo setEnabled(UUID machine, int vrid, boolean enabled) throws DriverException {
        router(machine, vrid);
        zlogin(machine, List.of("vrrpadm", enabled ? "enable-router" : "disable-router", routerName(vrid)));
        return router(machine, vrid);
    }

    /** Disabling sends the priority-0 advert; then the new priority; then the router runs again as BACKUP. */
    @Override
    public VrrpRouterInfo release(UUID machine, int vrid, int newPriority) throws DriverException {
        if (newPriority < 1 || newPriority > 254) {
            throw new DriverException(DriverException.INVALID, "the new priority must be 1..254");
        }
        router(machine, vrid);
        zlogin(machine, List.of("vrrpadm", "disable-router", routerName(vrid)));
        zlogin(machine, List.of("vrrpadm", "modify-router", "-p", Integer.toString(newPriority), routerName(vrid)));
        zlogin(machine, List.of("vrrpadm", "enable-router", routerName(vrid)));
        return router(machine, vrid);
    }

    @Override
    public List<VrrpRouterInfo> routers() {
        List<VrrpRouterInfo> out = new ArrayList<>();
        List<VmadmParser.Vm> vms;
        try {
            vms = driver.vms();
        } catch (DriverException e) {
            return List.copyOf(seen.values());
        }
        for (VmadmParser.Vm vm : vms) {
            if (vm.vrrpNics().isEmpty() || vm.info().state() != MachineState.RUNNING) {
                continue;
            }
            try {
                out.addAll(show(vm.info().uuid()));
            } catch (DriverException e) {
                // one zone's vrrpadm failing does not hide the others
            }
        }
        return out;
    }

    @Override
    public void setTransitionListener(Consumer<VrrpTransition> listener) {
        this.listener = listener == null ? t -> {} : listener;
    }

    private VrrpRouterInfo router(UUID machine, int vrid) throws DriverException {
        return show(machine).stream()
                .filter(r -> r.vrid() == vrid)
                .findFirst()
                .orElseThrow(() -> new DriverException(
                        DriverException.NOT_FOUND, "machine " + machine + " has no VRRP router " + vrid));
    }

    /** The machine's routers; reports transitions against the last read. */
    List<VrrpRouterInfo> show(UUID machine) throws DriverException {
        String out = zlogin(machine, List.of("vrrpadm", "show-router", "-p", "-o", VrrpadmParser.FIELDS));
        long now = clock.millis();
        List<VrrpRouterInfo> routers = new ArrayList<>();
        for (VrrpadmParser.Router r : VrrpadmParser.parse(out)) {
            VrrpRouterInfo info = new VrrpRouterInfo(
                    machine,
                    r.vrid(),
                    r.state(),
                    r.enabled(),
                    r.priority(),
                    r.intervalMs(),
                    r.preempt(),
                    r.accept(),
                    r.vips(),
                    r.primaryIp(),
                    String.format("00:00:5e:00:01:%02x", r.vrid()),
                    now - r.sinceTransitionMs(),
                    r.sincePeerAdvertMs() == null ? null : now - r.sincePeerAdvertMs(),
                    r.peer(),
                    r.peerPriority());
            VrrpRouterInfo before = seen.put(machine + "/" + r.vrid(), info);
            if (before != null && before.state() != info.state()) {
                listener.accept(new VrrpTransition(
                        machine,
                        r.vrid(),
                        before.state(),
                        info.state(),
                        info.stateSince(),
                        reason(before.state(), info.state()),
                        before.lastPeerAdvert(),
                        before.peerPrimaryIp()));
            }
            routers.add(info);
        }
        return routers;
    }

    private static String reason(VrrpState from, VrrpState to) {
        if (from == VrrpState.BACKUP && to == VrrpState.MASTER) {
            return "master down timer expired";
        }
        if (from == VrrpState.MASTER && to == VrrpState.BACKUP) {
            return "higher priority advert received";
        }
        return "state changed (vrrpadm)";
    }

    private String zlogin(UUID machine, List<String> cmd) throws DriverException {
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/zlogin", machine.toString()));
        argv.addAll(cmd);
        CommandRunner.Result r = runner.run(argv, null, SmartOsDriver.QUICK);
        if (!r.ok()) {
            String msg = VmadmParser.firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
            String lower = msg == null ? "" : msg.toLowerCase(java.util.Locale.ROOT);
            String code = lower.contains("not exist") || lower.contains("not found")
                    ? DriverException.NOT_FOUND
                    : lower.contains("invalid") ? DriverException.INVALID : DriverException.OPERATION_FAILED;
            throw new DriverException(code, String.join(" ", argv) + " exited " + r.exitCode() + ": " + msg);
        }
        return r.stdout();
    }

    private void vmadmUpdate(UUID machine, String body) throws DriverException {
        CommandRunner.Result r =
                runner.run(List.of("/usr/sbin/vmadm", "update", machine.toString()), body, SmartOsDriver.LIFECYCLE);
        if (!r.ok()) {
            throw VmadmParser.failure("vmadm update " + machine, r);
        }
    }
}
