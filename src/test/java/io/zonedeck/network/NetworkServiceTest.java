package io.zonedeck.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.network.internal.IpAllocationEntity;
import io.zonedeck.network.internal.IpAllocationRepository;
import io.zonedeck.network.internal.NetworkEntity;
import io.zonedeck.network.internal.NetworkRepository;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Owners, duplicates, allocation guards and usage counts, with the repositories mocked. */
class NetworkServiceTest {
    NetworkRepository networks = mock(NetworkRepository.class);
    IpAllocationRepository allocations = mock(IpAllocationRepository.class);
    TenantService tenants = mock(TenantService.class);
    CurrentCaller caller = mock(CurrentCaller.class);
    NetworkService service = new NetworkService(networks, allocations, tenants, caller);
    Tenant acme = new Tenant(UUID.randomUUID(), "acme", "Acme");
    Tenant globex = new Tenant(UUID.randomUUID(), "globex", "Globex");
    NetworkEntity lan = entity("lan", "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.19", null);
    NetworkEntity acmeLan = entity("acme-lan", "10.2.0.0/24", "10.2.0.1", "10.2.0.10", "10.2.0.250", acme.id());
    List<IpAllocationEntity> held = new ArrayList<>();

    static NetworkEntity entity(String name, String subnet, String gw, String start, String end, UUID owner) {
        NetworkEntity n = new NetworkEntity();
        n.id = UUID.randomUUID();
        n.name = name;
        n.nicTag = "internal";
        n.vlanId = 10;
        n.subnet = subnet;
        n.gateway = gw;
        n.rangeStart = start;
        n.rangeEnd = end;
        n.ownerTenantId = owner;
        return n;
    }

    @BeforeEach
    void setUp() {
        when(tenants.list()).thenReturn(List.of(acme, globex));
        when(networks.findById(lan.id)).thenReturn(Optional.of(lan));
        when(networks.findById(acmeLan.id)).thenReturn(Optional.of(acmeLan));
        when(networks.findByName("lan")).thenReturn(Optional.of(lan));
        when(networks.findAll()).thenReturn(List.of(acmeLan, lan));
        when(networks.save(any())).thenAnswer(i -> i.getArgument(0));
        when(allocations.findByNetworkId(lan.id)).thenReturn(held);
        when(allocations.countByNetworkId(lan.id)).thenAnswer(i -> (long) held.size());
    }

    void allocate(String ip) {
        IpAllocationEntity a = new IpAllocationEntity();
        a.id = UUID.randomUUID();
        a.networkId = lan.id;
        a.ip = ip;
        a.ownerId = UUID.randomUUID();
        held.add(a);
    }

    static NetworkRequest request(String name, String owner) {
        return new NetworkRequest(
                name, "internal", 0, "10.9.0.0/24", "10.9.0.1", "10.9.0.10", "10.9.0.250", null, null, owner);
    }

    static NetworkRequest change(String subnet, String gateway, String start, String end, Integer mtu) {
        return new NetworkRequest(null, null, null, subnet, gateway, start, end, null, mtu, null);
    }

    @Test
    void an_owner_is_a_tenant_named_or_identified_and_blank_is_public() {
        assertThat(service.create(request("a", "acme")).ownerTenantId()).isEqualTo(acme.id());
        assertThat(service.create(request("b", globex.id().toString())).ownerTenantId())
                .isEqualTo(globex.id());
        assertThat(service.create(request("c", " ")).isPublic()).isTrue();
    }

    @Test
    void an_unknown_owner_is_a_field_error_and_nothing_is_saved() {
        assertThatThrownBy(() -> service.create(request("d", "initech")))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.messageFor("ownerTenant"))
                            .hasValueSatisfying(m -> assertThat(m).contains("initech"));
                });
        verify(networks, never()).save(any());
    }

    @Test
    void a_duplicate_name_is_a_409_on_the_name() {
        assertThatThrownBy(() -> service.create(request("lan", null)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.messageFor("name")).isPresent();
                });
    }

    @Test
    void a_network_with_allocations_cannot_be_deleted() {
        allocate("10.1.0.10");
        allocate("10.1.0.11");
        assertThatThrownBy(() -> service.delete(lan.id)).isInstanceOfSatisfying(ZoneDeckException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("InUse");
            assertThat(e.getMessage()).contains("2 allocated addresses");
        });
        verify(networks, never()).delete(any());
        held.clear();
        service.delete(lan.id);
        verify(networks).delete(lan);
    }

    @Test
    void subnet_and_range_are_fixed_while_addresses_are_allocated() {
        allocate("10.1.0.10");
        assertThatThrownBy(() -> service.update(lan.id, change(null, null, null, "10.1.0.100", null)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.code()).isEqualTo("InUse");
                    assertThat(e.getMessage()).contains("1 allocated address");
                });
        assertThatThrownBy(
                        () -> service.update(lan.id, change("10.5.0.0/24", "10.5.0.1", "10.5.0.10", "10.5.0.19", null)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("InUse"));
        assertThat(lan.rangeEnd).isEqualTo("10.1.0.19");
        assertThat(service.update(lan.id, change(null, null, null, null, 9000)).mtu())
                .isEqualTo(9000);
    }

    @Test
    void without_allocations_subnet_and_range_may_change() {
        Network n = service.update(lan.id, change("10.5.0.0/24", "10.5.0.1", "10.5.0.10", "10.5.0.19", null));
        assertThat(n.subnet()).isEqualTo("10.5.0.0/24");
        assertThat(lan.rangeEnd).isEqualTo("10.5.0.19");
    }

    @Test
    void a_change_is_validated_with_the_values_it_keeps() {
        // the kept gateway 10.1.0.1 is not in the new subnet
        assertThatThrownBy(() -> service.update(lan.id, change("10.5.0.0/24", null, "10.5.0.10", "10.5.0.19", null)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.messageFor("gateway")).isPresent());
        assertThat(lan.subnet).isEqualTo("10.1.0.0/24");
    }

    @Test
    void a_private_network_with_allocations_may_become_public_but_not_change_hands() {
        when(allocations.findByNetworkId(acmeLan.id)).thenReturn(List.of(new IpAllocationEntity()));
        NetworkRequest toGlobex = new NetworkRequest(null, null, null, null, null, null, null, null, null, "globex");
        assertThatThrownBy(() -> service.update(acmeLan.id, toGlobex))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("InUse"));
        NetworkRequest toPublic = new NetworkRequest(null, null, null, null, null, null, null, null, null, "");
        assertThat(service.update(acmeLan.id, toPublic).isPublic()).isTrue();
    }

    @Test
    void usage_counts_the_range_and_the_addresses_in_it() {
        allocate("10.1.0.10");
        allocate("10.1.0.12");
        allocate("10.1.0.200"); // a virtual IP outside the range
        NetworkUsage u = service.usage(lan.id);
        assertThat(u.total()).isEqualTo(10);
        assertThat(u.used()).isEqualTo(2);
        assertThat(u.free()).isEqualTo(8);
        assertThat(u.allocated()).isEqualTo(3);
    }

    @Test
    void public_networks_come_first_so_placement_is_stable() {
        assertThat(service.list()).extracting(Network::name).containsExactly("lan", "acme-lan");
    }

    @Test
    void a_tenant_sees_public_and_own_networks_and_not_another_tenants() {
        when(caller.get()).thenReturn(new Caller(UUID.randomUUID(), "bob", Roles.TENANT_USER, globex.id()));
        assertThat(service.visible()).extracting(Network::name).containsExactly("lan");
        assertThatThrownBy(() -> service.get(acmeLan.id))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(404));
        when(caller.get()).thenReturn(new Caller(UUID.randomUUID(), "alice", Roles.TENANT_ADMIN, acme.id()));
        assertThat(service.visible()).extracting(Network::name).containsExactly("lan", "acme-lan");
        assertThat(service.get(acmeLan.id).name()).isEqualTo("acme-lan");
    }

    @Test
    void an_address_is_chosen_only_under_the_networks_row_lock_so_instances_never_hand_one_out_twice() {
        // the lock, not memory of this JVM, serialises allocations (across instances: ComputeFaultsIT, ClusterIT)
        when(networks.lockById(lan.id)).thenReturn(Optional.of(lan));
        when(allocations.ipsIn(lan.id)).thenReturn(List.of("10.1.0.10"));
        assertThat(service.allocate(lan.id, UUID.randomUUID())).isEqualTo("10.1.0.11");
        org.mockito.InOrder order = org.mockito.Mockito.inOrder(networks, allocations);
        order.verify(networks).lockById(lan.id);
        order.verify(allocations).ipsIn(lan.id);
        order.verify(allocations).saveAndFlush(org.mockito.ArgumentMatchers.any());
        assertThatThrownBy(() -> service.allocate(UUID.randomUUID(), UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
