package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.VrrpSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * The keepalived.conf of one router, and its notify script.
 *
 * <p>Mapping from {@link VrrpSpec}: VRRPv3 ({@code version 3}, so the advert interval can be below a second: {@code
 * advert_int} in seconds with two decimals, the spec's interval_ms rounded to 10 ms, as VRRPv3 counts centiseconds);
 * {@code state BACKUP} always (an owner, priority 255, becomes MASTER at once anyway); {@code nopreempt} when
 * preempt is off (keepalived ignores it for priority 255, so it is left out there); {@code accept} / {@code
 * no_accept}; every VIP as {@code <vip>/<machine prefix> dev <iface>} unless it carries its own prefix. Adverts are
 * multicast on the machine's interface (a spec names no peers, so no unicast). nic_tag and vlan_id are not used:
 * the machine's interface is the segment. No {@code use_vmac}: keepalived sends from the interface's own MAC.
 */
final class KeepalivedConfig {
    private KeepalivedConfig() {}

    static String instanceName(int vrid) {
        return "zd_" + vrid;
    }

    /** {@code advert_int} for an interval in ms: seconds, rounded to centiseconds, at least 0.01. */
    static String advertInt(int intervalMs) {
        long cs = Math.max(1, Math.round(intervalMs / 10.0));
        return String.format(Locale.ROOT, "%d.%02d", cs / 100, cs % 100);
    }

    static String render(UUID machine, VrrpSpec spec, MachineNet net, Path notifyScript) {
        StringBuilder c = new StringBuilder();
        c.append("# written by the ZoneDeck agent for machine ")
                .append(machine)
                .append(", VRID ")
                .append(spec.vrid())
                .append("; do not edit\n");
        c.append("global_defs {\n");
        c.append("    router_id zd-")
                .append(spec.vrid())
                .append('-')
                .append(net.ipv4())
                .append('\n');
        c.append("    script_user root\n");
        c.append("    enable_script_security\n");
        c.append("}\n\n");
        c.append("vrrp_instance ").append(instanceName(spec.vrid())).append(" {\n");
        c.append("    state BACKUP\n");
        c.append("    interface ").append(net.iface()).append('\n');
        c.append("    virtual_router_id ").append(spec.vrid()).append('\n');
        c.append("    priority ").append(spec.priority()).append('\n');
        c.append("    version 3\n");
        c.append("    advert_int ").append(advertInt(spec.intervalMs())).append('\n');
        if (!spec.preempt() && spec.priority() < 255) {
            c.append("    nopreempt\n");
        }
        c.append(spec.accept() ? "    accept\n" : "    no_accept\n");
        c.append("    virtual_ipaddress {\n");
        for (String vip : spec.vips()) {
            c.append("        ")
                    .append(vip.contains("/") ? vip : vip + "/" + net.prefix())
                    .append(" dev ")
                    .append(net.iface())
                    .append('\n');
        }
        c.append("    }\n");
        c.append("    notify \"").append(notifyScript).append("\"\n");
        c.append("}\n");
        return c.toString();
    }

    /**
     * The notify script: keepalived runs it with {@code INSTANCE <name> <STATE> <priority>} on every state change
     * (MASTER, BACKUP, FAULT, STOP); it appends {@code <epoch_ms> INSTANCE <name> <STATE> <priority>} to {@code
     * log}, which the agent tails.
     */
    static String notifyScript(Path log) {
        return "#!/bin/sh\n"
                + "# written by the ZoneDeck agent: keepalived runs this on every state change of the router\n"
                + "echo \"$(date +%s%3N) $1 $2 $3 $4\" >> '" + log.toString().replace("'", "'\\''") + "'\n";
    }
}
