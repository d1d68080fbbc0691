package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.support.As;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tenant isolation in the service layer, where it lives. Every public method of every {@code @Service} that takes an
 * id (a UUID, or a String named like one) is called by tenant A (bob of globex) with tenant B's (alice of acme) id and
 * with an id that does not exist, the other arguments filled with plausible defaults: the two outcomes must be the
 * same once the id is masked, and carry nothing of B. Operator-only methods (@RolesAllowed) must refuse both. The
 * methods are read by reflection, so a new one fails the test until {@link #ID_PARAMETERS} says what its id is.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0"}) // the context of ThrottleIT, NodesApiIT, NodeHealthIT
@ActiveProfiles({"demo", "test"})
class ServiceIsolationIT {
    /** What an id parameter names; INTERNAL methods are called by other services after they scoped the caller. */
    enum Kind {
        MACHINE,
        JOB,
        PAIR,
        NETWORK,
        TENANT,
        USER,
        SSH_KEY,
        API_TOKEN,
        QUOTA_REQUEST,
        SHARED,
        INTERNAL
    }

    /** {@code Class.method(parameter)} → what the parameter names. */
    static final Map<String, Kind> ID_PARAMETERS = new TreeMap<>();

    static {
        for (String m : List.of("find", "get", "detail", "start", "stop", "reboot", "delete")) {
            ID_PARAMETERS.put("MachineService." + m + "(id)", Kind.MACHINE);
        }
        ID_PARAMETERS.put("MachineService.job(jobId)", Kind.JOB);
        for (String m : List.of(
                "resize",
                "rename",
                "setTags",
                "setMetadata",
                "addNic",
                "removeNic",
                "createSnapshot",
                "rollbackSnapshot",
                "deleteSnapshot")) {
            ID_PARAMETERS.put("MachineChanges." + m + "(id)", Kind.MACHINE);
        }
        for (String m : List.of("find", "get", "history", "delete", "switchover", "setMemberEnabled")) {
            ID_PARAMETERS.put("FailoverService." + m + "(id)", Kind.PAIR);
        }
        ID_PARAMETERS.put("FailoverService.setMemberEnabled(machineId)", Kind.MACHINE);
        ID_PARAMETERS.put("FailoverService.failMasterNode(id)", Kind.PAIR);
        ID_PARAMETERS.put("FailoverService.recoverNodes(id)", Kind.PAIR);
        ID_PARAMETERS.put("NetworkService.findUnscoped(id)", Kind.INTERNAL); // jobs run without a caller
        ID_PARAMETERS.put("NetworkService.get(id)", Kind.NETWORK);
        ID_PARAMETERS.put("NetworkService.usableBy(tenantId)", Kind.INTERNAL); // compute passes a scoped tenant
        ID_PARAMETERS.put("NetworkService.allocate(networkId)", Kind.INTERNAL); // compute, after scoping
        ID_PARAMETERS.put("NetworkService.allocate(ownerId)", Kind.INTERNAL);
        ID_PARAMETERS.put("NetworkService.releaseIp(networkId)", Kind.INTERNAL);
        ID_PARAMETERS.put("NetworkService.reserve(networkId)", Kind.INTERNAL);
        ID_PARAMETERS.put("NetworkService.reserve(ownerId)", Kind.INTERNAL);
        ID_PARAMETERS.put("NetworkService.release(ownerId)", Kind.INTERNAL);
        ID_PARAMETERS.put("QuotaService.status(tenantIdOrName)", Kind.TENANT);
        ID_PARAMETERS.put("QuotaService.reserve(tenantId)", Kind.INTERNAL); // compute, under its own scope check
        ID_PARAMETERS.put("QuotaService.check(tenantId)", Kind.INTERNAL);
        ID_PARAMETERS.put("QuotaService.limits(tenantId)", Kind.INTERNAL);
        ID_PARAMETERS.put("UserService.create(tenantId)", Kind.INTERNAL); // seeding; administration is scoped
        for (String m : List.of("get", "disable", "enable", "changeRole")) {
            ID_PARAMETERS.put("UserService." + m + "(id)", Kind.USER);
        }
        ID_PARAMETERS.put("SshKeyService.delete(id)", Kind.SSH_KEY);
        ID_PARAMETERS.put("ApiTokenService.revoke(id)", Kind.API_TOKEN);
        for (String m : List.of("mustEnrol", "signInFactor", "verifySignIn")) {
            ID_PARAMETERS.put("TwoFactorService." + m + "(userId)", Kind.INTERNAL); // sign-in, before a caller exists
        }
        ID_PARAMETERS.put("QuotaRequestService.get(id)", Kind.QUOTA_REQUEST);
        ID_PARAMETERS.put("ConsoleService.requestTicket(machineId)", Kind.MACHINE);
        // the relay's bookkeeping of a console it opened from a redeemed, scoped ticket
        ID_PARAMETERS.put("ConsoleService.detach(machineId)", Kind.INTERNAL);
        ID_PARAMETERS.put("ConsoleService.openCount(machineId)", Kind.INTERNAL);
        ID_PARAMETERS.put("MachineChanges.throttle(id)", Kind.MACHINE);
        ID_PARAMETERS.put("ThrottleQuery.of(id)", Kind.MACHINE);
        for (String m : List.of("machine", "machineSeries", "machineHeat", "coverage")) {
            ID_PARAMETERS.put("MetricsService." + m + "(machineId)", Kind.MACHINE);
        }
        for (String m : List.of("activeJob", "jobs", "recentJobs")) {
            ID_PARAMETERS.put("MachineService." + m + "(machineId)", Kind.MACHINE);
        }
        for (String m : List.of("imageById", "packageById", "machinesUsingImage", "machinesUsingPackage")) {
            ID_PARAMETERS.put("CatalogService." + m + "(id)", Kind.SHARED); // the catalog is the same for everyone
        }
        // the node registry is the portal's own view of its agents (heartbeats, clients); people reach nodes
        // through NodeService, which is operator-only
        for (String m : List.of(
                "capabilities(nodeId)",
                "checkSilence(nodeId)",
                "client(nodeId)",
                "find(id)",
                "heartbeat(nodeId)",
                "latestInfo(nodeId)",
                "observe(nodeId)")) {
            ID_PARAMETERS.put("NodeRegistry." + m, Kind.INTERNAL);
        }
    }

    @Autowired
    ApplicationContext ctx;

    @Autowired
    ApiTokenService apiTokens;

    @Autowired
    UserService users;

    @Autowired
    SecurityContextHolderStrategy securityStrategy;

    @Autowired
    io.zonedeck.compute.MachineService machines;

    @Autowired
    io.zonedeck.failover.FailoverService pairs;

    @Autowired
    io.zonedeck.network.NetworkService networks;

    @Autowired
    io.zonedeck.tenancy.TenantService tenants;

    @Autowired
    SshKeyService sshKeys;

    @Autowired
    io.zonedeck.tenancy.QuotaService quotas;

    @Autowired
    io.zonedeck.tenancy.QuotaRequestService quotaRequests;

    /** Tenant A's users: a tenant user and a tenant admin of globex. */
    static final List<String> A_USERS = List.of("bob", "gx-admin");

    static final String A_ADMIN = "gx-admin";

    @BeforeEach
    void useThisContext() {
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
    }

    /** One id parameter of one service method. */
    record Call(Object bean, Method method, int index, String key) {}

    List<Call> idCalls(Set<String> unclassified) {
        List<Call> out = new ArrayList<>();
        for (Object bean : ctx.getBeansWithAnnotation(Service.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getName().startsWith("io.zonedeck.")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Parameter[] ps = m.getParameters();
                for (int i = 0; i < ps.length; i++) {
                    if (!isId(ps[i])) {
                        continue;
                    }
                    String key = type.getSimpleName() + "." + m.getName() + "(" + ps[i].getName() + ")";
                    if (!ID_PARAMETERS.containsKey(key) && !operatorOnly(m)) {
                        unclassified.add(key);
                    }
                    out.add(new Call(bean, m, i, key));
                }
            }
        }
        return out;
    }

    static boolean isId(Parameter p) {
        String n = p.getName();
        return p.getType() == UUID.class
                || (p.getType() == String.class && (n.equals("id") || n.endsWith("Id") || n.endsWith("IdOrName")));
    }

    static boolean operatorOnly(Method m) {
        RolesAllowed r = m.getAnnotation(RolesAllowed.class);
        return r != null && Arrays.equals(r.value(), new String[] {Roles.OPERATOR});
    }

    @Test
    void every_service_method_that_takes_an_id_is_classified() {
        Set<String> unclassified = new TreeSet<>();
        List<Call> calls = idCalls(unclassified);
        assertThat(unclassified)
                .as("service methods taking an id must be classified in ServiceIsolationIT.ID_PARAMETERS")
                .isEmpty();
        Set<String> seen = new TreeSet<>();
        calls.forEach(c -> seen.add(c.key()));
        assertThat(seen).as("classified methods that no longer exist").containsAll(ID_PARAMETERS.keySet());
    }

    @Test
    void tenant_a_using_tenant_b_ids_gets_what_a_missing_id_gets() {
        Map<Kind, Supplier<Object>> foreign = Map.of(
                Kind.MACHINE,
                        () -> As.user(
                                users, "alice", () -> machines.list().get(0).id()),
                Kind.JOB,
                        () -> As.user(
                                users,
                                "alice",
                                () -> machines.recentJobs(machines.list().get(0).id())
                                        .get(0)
                                        .id()),
                Kind.PAIR,
                        () -> (Object) io.zonedeck.support.Eventually.until(
                                        java.time.Duration.ofSeconds(90),
                                        () -> As.user(users, "alice", () -> pairs.list()),
                                        l -> !l.isEmpty(),
                                        "the demo failover pair of acme (seeded once web-01 and web-02 run)")
                                .get(0)
                                .id(),
                Kind.NETWORK, () -> acmeNetwork(),
                Kind.TENANT, () -> tenants.findByName("acme").orElseThrow().id(),
                Kind.USER,
                        () -> ((ZoneDeckUser) users.loadUserByUsername("alice"))
                                .caller()
                                .userId(),
                Kind.SSH_KEY,
                        () -> As.user(
                                users, "alice", () -> sshKeys.mine().get(0).id()),
                Kind.API_TOKEN,
                        () -> As.user(
                                users,
                                "alice",
                                () -> apiTokens
                                        .create(new ApiTokenService.NewToken(
                                                "iso-" + UUID.randomUUID(), ApiTokenScope.READ_ONLY, 1))
                                        .info()
                                        .id()),
                Kind.QUOTA_REQUEST,
                        () -> As.user(
                                users,
                                "alice",
                                () -> quotaRequests.list().get(0).id()));
        if (!users.exists(A_ADMIN)) {
            users.create(
                    A_ADMIN,
                    A_ADMIN + "-demo",
                    Roles.TENANT_ADMIN,
                    tenants.findByName("globex").orElseThrow().id());
        }
        if (As.user(users, "alice", () -> quotaRequests.list()).isEmpty()) { // the test profile seeds no quotas
            As.user(
                    users,
                    "operator",
                    () -> quotas.setQuota(
                            "acme", new io.zonedeck.tenancy.Quota(1000L, null, null, null, null, null, null, null)));
            As.user(
                    users,
                    "alice",
                    () -> quotaRequests.request(
                            new io.zonedeck.tenancy.QuotaRaise("machines", 2000L, "isolation test")));
        }
        Set<String> unclassified = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (Call c : idCalls(unclassified)) {
            Kind kind = ID_PARAMETERS.get(c.key());
            boolean opOnly = operatorOnly(c.method());
            if (!opOnly && (kind == null || kind == Kind.INTERNAL || kind == Kind.SHARED)) {
                continue;
            }
            Object bId = opOnly && kind == null
                    ? UUID.randomUUID()
                    : foreign.get(kind).get();
            Object missing = UUID.randomUUID();
            Class<?> t = c.method().getParameterTypes()[c.index()];
            Object f = t == String.class ? bId.toString() : bId;
            Object m = t == String.class ? missing.toString() : missing;
            for (String a : A_USERS) {
                String seenForeign = outcome(c, f, a).replace(bId.toString(), "{id}");
                String seenMissing = outcome(c, m, a).replace(missing.toString(), "{id}");
                compared++;
                if (!seenForeign.equals(seenMissing)) {
                    failures.add(a + " " + c.key() + ": foreign → " + seenForeign + " but missing → " + seenMissing);
                }
                if (opOnly && !seenForeign.startsWith("AuthorizationDeniedException")) {
                    failures.add(c.key() + ": operator-only, yet a tenant got " + seenForeign);
                }
                if (seenForeign.contains("acme") || seenForeign.contains("alice")) {
                    failures.add(c.key() + ": tenant B's data in " + seenForeign);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(compared).isGreaterThan(30);
        // the foreign calls changed nothing of B
        assertThat(As.user(users, "alice", () -> machines.list()).get(0).id())
                .isEqualTo(foreign.get(Kind.MACHINE).get());
        assertThat(As.user(users, "alice", () -> pairs.list())).isNotEmpty();
    }

    Object acmeNetwork() {
        UUID acme = tenants.findByName("acme").orElseThrow().id();
        return networks.list().stream()
                .filter(n -> !n.isPublic() && n.usableBy(acme))
                .findFirst()
                .map(n -> (Object) n.id())
                .orElseThrow(() -> new AssertionError("acme has no private network"));
    }

    /** What calling the method as tenant A with {@code id} gives: the result or the refusal, as text. */
    String outcome(Call c, Object id, String a) {
        Object[] args = new Object[c.method().getParameterCount()];
        Class<?>[] types = c.method().getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = i == c.index() ? id : plausible(types[i]);
        }
        return As.user(users, a, () -> {
            try {
                return "ok: " + describe(c.method().invoke(c.bean(), args));
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                return t.getClass().getSimpleName() + ": "
                        + (t instanceof ZoneDeckException z ? z.code() + " " + z.getMessage() : t.getMessage());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        });
    }

    static String describe(Object result) {
        if (result instanceof Optional<?> o) {
            return o.isPresent() ? "present " + o.get() : "empty";
        }
        if (result instanceof Collection<?> col) {
            return col.isEmpty() ? "[]" : col.toString();
        }
        return String.valueOf(result);
    }

    /** The id given to every other id parameter: the same for both calls, so only the id under test differs. */
    static final UUID OTHER_ID = new UUID(0x150, 0x150);

    /** A harmless argument of a type: other ids are random, texts short and valid-looking, records all empty. */
    static Object plausible(Class<?> t) {
        if (t == UUID.class) {
            return OTHER_ID;
        }
        if (t == String.class) {
            return "iso-x";
        }
        if (t == int.class || t == Integer.class) {
            return 1;
        }
        if (t == long.class || t == Long.class) {
            return 1L;
        }
        if (t == boolean.class || t == Boolean.class) {
            return false;
        }
        if (t == List.class || t == Collection.class) {
            return List.of();
        }
        if (t == Map.class) {
            return Map.of();
        }
        if (t == Set.class) {
            return Set.of();
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        if (t.isRecord()) {
            RecordComponent[] rc = t.getRecordComponents();
            Object[] values = new Object[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                values[i] = types[i].isPrimitive() ? plausible(types[i]) : null;
            }
            try {
                return t.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }
}
