package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpTransition;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Optional driver capability: VRRP routers of machines (SmartOS: vrrpadm inside the zone with vmadm's
 * vrrp_vrid / vrrp_primary_ip NIC properties; Linux: keepalived; sim: {@code SimLan}). A router runs only
 * while its machine runs. Errors use {@link DriverException} codes: NotFound for an unknown machine or
 * router, Invalid for a spec the platform refuses (kvm/bhyve machines, bad ranges, a primary IP that is not
 * the machine's).
 */
public interface VrrpSupport {

    /** Creates or updates the router (idempotent: the same spec again changes nothing). */
    VrrpRouterInfo configure(UUID machine, VrrpSpec spec) throws DriverException;

    /** Deletes the router; a MASTER first sends a priority-0 advert. */
    void remove(UUID machine, int vrid) throws DriverException;

    /** vrrpadm enable-router / disable-router; disabling a MASTER sends a priority-0 advert. */
    VrrpRouterInfo setEnabled(UUID machine, int vrid, boolean enabled) throws DriverException;

    /**
     * Graceful switchover: a MASTER sends a priority-0 advert and becomes BACKUP; then the router runs with
     * {@code newPriority} (1..254 to let another router keep the mastership).
     */
    VrrpRouterInfo release(UUID machine, int vrid, int newPriority) throws DriverException;

    /** All routers of the node. */
    List<VrrpRouterInfo> routers();

    /** Receives every state change of every router, on the driver's thread; must not block. */
    void setTransitionListener(Consumer<VrrpTransition> listener);
}
