package io.zonedeck.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkRequest;
import io.zonedeck.network.NetworkService;
import io.zonedeck.network.NetworkUsage;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.TenantService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Networks the caller may use (public ones and the tenant's own; operators: all, with address usage). Changes
 * are operator-only (method security in {@link NetworkService}).
 */
@RestController
@RequestMapping("/api/v1/networks")
class NetworksController {
    private final NetworkService networks;
    private final TenantService tenants;
    private final CurrentCaller caller;

    NetworksController(NetworkService networks, TenantService tenants, CurrentCaller caller) {
        this.networks = networks;
        this.tenants = tenants;
        this.caller = caller;
    }

    /** A network as the API shows it; {@code owner} is "public" or the owning tenant's name; usage for operators. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NetworkView(
            UUID id,
            String name,
            String nicTag,
            int vlanId,
            String subnet,
            String gateway,
            String rangeStart,
            String rangeEnd,
            List<String> resolvers,
            int mtu,
            UUID ownerTenantId,
            String owner,
            NetworkUsage usage) {}

    @GetMapping
    @Operation(summary = "List the networks the caller may use; operators get every network with address usage")
    List<NetworkView> list() {
        Map<UUID, String> names = tenants.names();
        boolean operator = caller.get().isOperator();
        return networks.visible().stream().map(n -> view(n, names, operator)).toList();
    }

    @PostMapping
    @Operation(summary = "Create a network (operator); ownerTenant (name or id) makes it private to that tenant")
    ResponseEntity<NetworkView> create(@RequestBody NetworkRequest body) {
        Network n = networks.create(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(n, tenants.names(), true));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One network; another tenant's private network answers 404 like a missing one")
    NetworkView get(@PathVariable String id) {
        Network n = networks.get(Ids.parse(id, "network"));
        return view(n, tenants.names(), caller.get().isOperator());
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Change a network (operator); fields left out stay, ownerTenant \"\" makes it public. With"
                    + " allocated addresses its subnet, range, NIC tag and VLAN are fixed (409 InUse)")
    NetworkView update(@PathVariable String id, @RequestBody NetworkRequest body) {
        Network n = networks.update(Ids.parse(id, "network"), body);
        return view(n, tenants.names(), true);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a network without allocated addresses (operator); 409 InUse otherwise")
    ResponseEntity<Void> delete(@PathVariable String id) {
        networks.delete(Ids.parse(id, "network"));
        return ResponseEntity.noContent().build();
    }

    private NetworkView view(Network n, Map<UUID, String> tenantNames, boolean operator) {
        return new NetworkView(
                n.id(),
                n.name(),
                n.nicTag(),
                n.vlanId(),
                n.subnet(),
                n.gateway(),
                n.rangeStart(),
                n.rangeEnd(),
                n.resolvers(),
                n.mtu(),
                n.ownerTenantId(),
                n.isPublic() ? "public" : tenantNames.getOrDefault(n.ownerTenantId(), "?"),
                operator ? networks.usage(n.id()) : null);
    }
}
