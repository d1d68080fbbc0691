package io.zonedeck.compute.ui.wizard;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.NodeOffer;
import io.zonedeck.network.Network;
import io.zonedeck.security.SshKey;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaUsage;
import io.zonedeck.tenancy.Tenant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the wizard needs from the services, as callbacks (the wizard itself calls no service).
 *
 * @param tenants the tenants an operator may create for; empty for tenant users (they create in their own)
 * @param networks usable networks for a tenant id (null: the caller's own tenant)
 * @param check the service's problems with a request, without side effects
 * @param usage what a tenant already holds and its quota (null: the caller's own tenant)
 * @param savedKeys the user's saved SSH keys, offered pre-checked next to the paste field
 * @param offer what the online nodes can run: other brands and images are shown disabled with the reason
 */
public record WizardBackend(
        List<Image> images,
        List<MachinePackage> packages,
        List<Tenant> tenants,
        Function<UUID, List<Network>> networks,
        Function<CreateMachineRequest, List<FieldProblem>> check,
        Function<CreateMachineRequest, Accepted> create,
        Function<UUID, Usage> usage,
        List<SshKey> savedKeys,
        NodeOffer offer) {

    /** A backend without node restrictions (every brand and image offered). */
    public WizardBackend(
            List<Image> images,
            List<MachinePackage> packages,
            List<Tenant> tenants,
            Function<UUID, List<Network>> networks,
            Function<CreateMachineRequest, List<FieldProblem>> check,
            Function<CreateMachineRequest, Accepted> create,
            Function<UUID, Usage> usage,
            List<SshKey> savedKeys) {
        this(images, packages, tenants, networks, check, create, usage, savedKeys, NodeOffer.EVERYTHING);
    }

    public boolean operator() {
        return !tenants.isEmpty();
    }

    /** What a tenant already holds against its quota; {@code limits} null members are unlimited. */
    public record Usage(String scope, QuotaUsage used, Quota limits) {}
}
