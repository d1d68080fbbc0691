package io.zonedeck.demo;

import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.PackageRequest;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachinePayloads;
import io.zonedeck.compute.MachineService;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistration;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.Roles;
import io.zonedeck.security.SshKeyService;
import io.zonedeck.security.UserService;
import io.zonedeck.security.ZoneDeckUser;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaRaise;
import io.zonedeck.tenancy.QuotaRequestService;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo datacenter: sim node agents on loopback, registered over the same HTTP protocol as remote agents,
 * and a seeded cloud (tenants, users, packages, images, a network and machines with live load). On a restart
 * the simulated nodes are given back the machines the database places on them, so nothing created is lost.
 */
@Component
@Profile("demo")
@Order(0)
class DemoDatacenter implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoDatacenter.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Alice's saved SSH key (a public key only; its private half was thrown away). */
    static final String ALICE_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAtKj0ZUWQpqx9hLg7hHt2fehV5XVKznknkRCKkqP0N3 alice@workstation";

    private final DemoProperties props;
    private final TenantService tenants;
    private final UserService users;
    private final CatalogService catalog;
    private final NetworkService networks;
    private final NodeRegistry nodes;
    private final MachineService machines;
    private final MachinePayloads payloads;
    private final io.zonedeck.compute.MachineLookup lookup;
    private final io.zonedeck.failover.FailoverService failover;
    private final QuotaService quotas;
    private final QuotaRequestService quotaRequests;
    private final SshKeyService sshKeys;
    private final boolean seedQuotas;
    private final List<Agent> agents = new ArrayList<>();
    /** One simulated LAN for all demo nodes, so VRRP adverts cross from node to node. */
    private final SimLan lan = new SimLan();

    DemoDatacenter(
            DemoProperties props,
            TenantService tenants,
            UserService users,
            CatalogService catalog,
            NetworkService networks,
            NodeRegistry nodes,
            MachineService machines,
            MachinePayloads payloads,
            io.zonedeck.compute.MachineLookup lookup,
            io.zonedeck.failover.FailoverService failover,
            QuotaService quotas,
            QuotaRequestService quotaRequests,
            SshKeyService sshKeys,
            @Value("${zonedeck.demo.quotas:true}") boolean seedQuotas) {
        this.props = props;
        this.tenants = tenants;
        this.users = users;
        this.catalog = catalog;
        this.networks = networks;
        this.nodes = nodes;
        this.machines = machines;
        this.payloads = payloads;
        this.lookup = lookup;
        this.failover = failover;
        this.quotas = quotas;
        this.quotaRequests = quotaRequests;
        this.sshKeys = sshKeys;
        this.seedQuotas = seedQuotas;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean fresh = tenants.findByName("acme").isEmpty();
        if (fresh) {
            seedCloud();
        }
        startNodes();
        if (fresh) {
            seedMachines();
            seedTenancy();
            seedFailoverPair();
        }
        log.info("""

                ZoneDeck demo datacenter is up: {} sim nodes.
                Demo logins (demo profile only):
                  operator / operator-demo   (OPERATOR)
                  alice    / alice-demo      (TENANT_ADMIN of acme)
                  bob      / bob-demo        (TENANT_USER of globex)
                """, agents.size());
    }

    private void seedCloud() {
        // tenants, the catalog and networks are the operator's to define
        asSystem(() -> {
            Tenant acme = tenants.create("acme", "Acme Corporation");
            Tenant globex = tenants.create("globex", "Globex Inc.");
            users.create("operator", "operator-demo", Roles.OPERATOR, null);
            users.create("alice", "alice-demo", Roles.TENANT_ADMIN, acme.id());
            users.create("bob", "bob-demo", Roles.TENANT_USER, globex.id());
            catalog.createPackage(new PackageRequest("g1-nano", 512L, 10L, 1, 25, 50, 50, 500, null, "compute-xs"));
            catalog.createPackage(new PackageRequest("g1-small", 1024L, 25L, 1, 50, 100, 100, 1000, null, "compute-s"));
            catalog.createPackage(
                    new PackageRequest("g1-medium", 4096L, 50L, 2, 100, 200, 100, 2000, null, "compute-m"));
            catalog.createPackage(
                    new PackageRequest("g1-large", 8192L, 100L, 4, 200, 400, 200, 4000, null, "compute-l"));
            catalog.createPackage(
                    new PackageRequest("g1-xlarge", 16384L, 200L, 8, 400, 800, 200, 8000, null, "compute-xl"));
            catalog.createImage("base-64-lts", "24.4.0", "smartos", List.of("joyent"), 400);
            catalog.createImage("ubuntu-24.04", "20240901", "linux", List.of("lx"), 600);
            catalog.createImage("ubuntu-24.04-kvm", "20240901", "linux", List.of("kvm", "bhyve"), 2300);
            networks.create("demo-public", "external", 0, "10.88.0.0/24", "10.88.0.1", "10.88.0.10", "10.88.0.250");
            networks.create(new io.zonedeck.network.NetworkRequest(
                    "edge-public",
                    "external",
                    20,
                    "10.87.0.0/24",
                    "10.87.0.1",
                    "10.87.0.10",
                    "10.87.0.250",
                    List.of("9.9.9.9", "1.1.1.1"),
                    1500,
                    null));
            networks.create(new io.zonedeck.network.NetworkRequest(
                    "acme-private",
                    "internal",
                    100,
                    "10.100.0.0/24",
                    "10.100.0.1",
                    "10.100.0.10",
                    "10.100.0.250",
                    List.of("10.100.0.2"),
                    9000,
                    acme.id().toString()));
        });
    }

    private void startNodes() {
        for (int i = 1; i <= props.nodes(); i++) {
            String name = "demo-node-" + i;
            String credential = newCredential();
            int port = props.agentBasePort() == 0 ? 0 : props.agentBasePort() + i - 1;
            Agent agent = Agent.start(
                    AgentConfig.sim(name, credential)
                            .withPort(port)
                            .withSeed(props.seed() + i)
                            .withProvisionSeconds(props.provisionSeconds())
                            .withIpBase("10.89." + i),
                    lan);
            agents.add(agent);
            if (props.simVnc() != null && props.simVnc().contains(":")) {
                String hp = props.simVnc().trim();
                int colon = hp.lastIndexOf(':');
                agent.simDriver()
                        .showVncOf(new java.net.InetSocketAddress(
                                hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))));
            }
            nodes.all().stream().filter(n -> n.name().equals(name)).findFirst().ifPresent(n -> restore(agent, n));
            // the demo's in-JVM agents speak plain HTTP on loopback (zonedeck.nodes.allow-plain-http and
            // allow-loopback in the demo profile); on a restart each replaces its node of the last run
            nodes.register(new NodeRegistration(name, agent.url(), credential, null, true));
        }
    }

    /** Gives a restarted sim node the machines the database places on it. */
    private void restore(Agent agent, Node node) {
        for (MachinePayloads.Desired d : payloads.onNode(node.id())) {
            try {
                agent.simDriver()
                        .createImmediately(
                                d.payload(), "stopped".equals(d.state()) ? MachineState.STOPPED : MachineState.RUNNING);
            } catch (DriverException e) {
                log.warn("could not restore machine {} on {}: {}", d.payload().alias(), node.name(), e.getMessage());
            }
        }
    }

    private void seedMachines() {
        asSystem(() -> {
            String[][] plan = {
                {"acme", "web-01", "joyent", "base-64-lts", "g1-small"},
                {"acme", "web-02", "joyent", "base-64-lts", "g1-small"},
                {"acme", "web-03", "joyent", "base-64-lts", "g1-small"},
                {"acme", "api-01", "lx", "ubuntu-24.04", "g1-medium"},
                {"acme", "api-02", "lx", "ubuntu-24.04", "g1-medium"},
                {"acme", "db-01", "joyent", "base-64-lts", "g1-large"},
                {"acme", "db-02", "joyent", "base-64-lts", "g1-large"},
                {"acme", "cache-01", "joyent", "base-64-lts", "g1-nano"},
                {"acme", "build-01", "kvm", "ubuntu-24.04-kvm", "g1-xlarge"},
                {"acme", "batch-01", "lx", "ubuntu-24.04", "g1-medium"},
                {"acme", "lb-01", "joyent", "base-64-lts", "g1-nano"},
                {"globex", "shop-01", "lx", "ubuntu-24.04", "g1-small"},
                {"globex", "shop-02", "lx", "ubuntu-24.04", "g1-small"},
                {"globex", "pg-01", "joyent", "base-64-lts", "g1-large"},
                {"globex", "queue-01", "joyent", "base-64-lts", "g1-medium"},
                {"globex", "etl-01", "bhyve", "ubuntu-24.04-kvm", "g1-large"},
                {"globex", "search-01", "lx", "ubuntu-24.04", "g1-medium"},
                {"globex", "mail-01", "joyent", "base-64-lts", "g1-nano"},
                {"globex", "dns-01", "joyent", "base-64-lts", "g1-nano"},
                {"globex", "ci-01", "kvm", "ubuntu-24.04-kvm", "g1-large"},
            };
            // interleave the tenants so that even a small demo gives each of them machines
            List<String[]> order = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                order.add(plan[i]);
                if (i + 11 < plan.length) {
                    order.add(plan[i + 11]);
                }
            }
            for (int i = 0; i < Math.min(props.machines(), order.size()); i++) {
                String[] p = order.get(i);
                machines.create(new CreateMachineRequest(p[1], p[2], p[3], p[4], p[0]));
            }
        });
    }

    /**
     * Quotas (acme generous but finite; globex tight, so that a demo hits it after a couple of creates), a saved SSH
     * key for alice and her pending request for more RAM. Quotas are off with {@code zonedeck.demo.quotas=false} (the
     * tests: they create hundreds of machines).
     */
    private void seedTenancy() {
        Tenant acme = tenants.findByName("acme").orElseThrow();
        Tenant globex = tenants.findByName("globex").orElseThrow();
        if (seedQuotas) {
            asSystem(() -> {
                quotas.setQuota("acme", new Quota(40L, 131072L, 2000L, 64L, 6400L, 100L, 80L, 40L));
                quotas.setQuota("globex", new Quota(11L, 40960L, 600L, 24L, 1200L, 10L, 12L, 11L));
            });
        }
        UUID alice = ((ZoneDeckUser) users.loadUserByUsername("alice")).caller().userId();
        as(ZoneDeckUser.of(alice, "alice", Roles.TENANT_ADMIN, acme.id()), () -> {
            sshKeys.add("workstation", ALICE_KEY);
            if (seedQuotas) {
                quotaRequests.request(new QuotaRaise(
                        "ramMiB",
                        196608L,
                        "db-02 needs room for tonight's reindex: its zone is full and cannot grow"
                                + " (smartos-live#258). We will give it back next week."));
            }
        });
        log.debug("demo tenancy seeded for {} and {}", acme.name(), globex.name());
    }

    /** One healthy pair for acme once web-01 and web-02 run (their create jobs are still going). */
    private void seedFailoverPair() {
        Thread t = new Thread(
                () -> {
                    try {
                        long deadline = System.currentTimeMillis() + 120_000;
                        while (System.currentTimeMillis() < deadline) {
                            java.util.Optional<String> a = running("web-01");
                            java.util.Optional<String> b = running("web-02");
                            if (a.isPresent() && b.isPresent()) {
                                asSystem(() -> failover.create(new io.zonedeck.failover.CreatePairRequest(
                                        "web-vip", a.get(), b.get(), null, null, 200, 100, 1000, true, true)));
                                log.info("demo failover pair web-vip created");
                                return;
                            }
                            Thread.sleep(500);
                        }
                        log.warn("demo failover pair not created: web-01/web-02 did not start in time");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.warn("demo failover pair not created: {}", e.getMessage());
                    }
                },
                "demo-failover-seed");
        t.setDaemon(true);
        t.start();
    }

    private java.util.Optional<String> running(String name) {
        return tenants.findByName("acme")
                .flatMap(t -> lookup.find(t.id(), name))
                .filter(m -> "running".equals(m.state()))
                .map(m -> m.id().toString());
    }

    /** A fresh node credential: 24 random bytes in hex. */
    static String newCredential() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    static void asSystem(Runnable work) {
        as(ZoneDeckUser.of(new UUID(0, 0), "demo-seed", Roles.OPERATOR, null), work);
    }

    private static void as(ZoneDeckUser user, Runnable work) {
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(ctx);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @PreDestroy
    void stop() {
        agents.forEach(Agent::close);
    }
}
