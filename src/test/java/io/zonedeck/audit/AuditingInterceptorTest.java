package io.zonedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonedeck.audit.AuditDirectory.Actor;
import io.zonedeck.audit.internal.AuditEventEntity;
import io.zonedeck.audit.internal.AuditEventRepository;
import io.zonedeck.base.ZoneDeckException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

/** The @Audited advice without Spring: what is recorded, once, and how it reads in the log. */
class AuditingInterceptorTest {
    static final UUID ACME = UUID.randomUUID();
    static final UUID GLOBEX = UUID.randomUUID();
    static final Actor ALICE = new Actor(UUID.randomUUID(), "alice", ACME, false);
    static final Actor OPERATOR = new Actor(UUID.randomUUID(), "operator", null, true);

    final List<AuditEventEntity> saved = new ArrayList<>();
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Actor caller = ALICE;
    Machines machines;
    Level levelBefore;

    record Job(UUID id, UUID machineId, String machineName, UUID tenantId) {}

    record CreateRequest(String name, String brand) {}

    record Created(Job job, String note) {}

    /** A service as the features write them. */
    public static class Machines {
        Machines self;

        @Audited("machine.rename")
        public Job rename(UUID id, String name) {
            if (name.contains("\n")) {
                throw ZoneDeckException.invalid("name", "Invalid name " + name);
            }
            return new Job(UUID.randomUUID(), id, name, GLOBEX);
        }

        @Audited("machine.create")
        public Created create(CreateRequest req) {
            if (req.brand() == null) {
                throw ZoneDeckException.invalid("brand", "Brand is required");
            }
            return new Created(new Job(UUID.randomUUID(), UUID.randomUUID(), req.name(), null), "");
        }

        @Audited("machine.stop")
        public void stopAll(List<UUID> ids) {
            ids.forEach(id -> self.rename(id, "stopped"));
        }

        @Audited("user.password")
        public void setPassword(String password, String username) {}

        @Audited("machine.stop")
        public void stopOf(UUID id, UUID owner) {
            AuditScope.subjectTenant(owner);
            throw ZoneDeckException.conflict("Busy", "busy");
        }

        @Audited("package.delete")
        public void deletePackage(UUID id) {
            throw new AccessDeniedException("Access Denied");
        }

        @Audited("node.register")
        public void register(String name) {
            throw new IllegalStateException("jdbc:h2:secret internals");
        }
    }

    @BeforeEach
    void setUp() {
        AuditEventRepository repo = mock(AuditEventRepository.class);
        when(repo.save(any())).thenAnswer(inv -> {
            saved.add(inv.getArgument(0));
            return inv.getArgument(0);
        });
        AuditDirectory directory = new AuditDirectory() {
            @Override
            public Optional<Actor> current() {
                return Optional.ofNullable(caller);
            }

            @Override
            public Optional<Actor> user(String username) {
                return Optional.empty();
            }

            @Override
            public Map<UUID, String> tenantNames() {
                return Map.of();
            }
        };
        AuditLog log = new AuditLog(
                repo,
                directory,
                mock(PlatformTransactionManager.class),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        @SuppressWarnings("unchecked")
        ObjectProvider<AuditLog> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(log);
        Machines target = new Machines();
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvisor(AuditConfig.auditedMethodsAdvisor(provider));
        machines = (Machines) factory.getProxy();
        target.self = machines;
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO); // a Spring test context in the same JVM may have set WARN
        logger.addAppender(lines);
    }

    @AfterEach
    void tearDown() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        logger.detachAppender(lines);
        logger.setLevel(levelBefore);
    }

    @Test
    void a_name_with_cr_lf_yields_one_record_and_one_log_line_with_the_name_escaped() {
        UUID id = UUID.randomUUID();
        String forged = "x\r\n2026-11-25 INFO forged";
        assertThatThrownBy(() -> machines.rename(id, forged)).isInstanceOf(ZoneDeckException.class);

        assertThat(saved).hasSize(1);
        AuditEventEntity row = saved.get(0);
        assertThat(row.target).isEqualTo(id.toString());
        assertThat(row.result).isEqualTo("Invalid");
        assertThat(row.message).isEqualTo("Invalid request: Invalid name x\\r\\n2026-11-25 INFO forged");
        assertThat(lines.list).hasSize(1);
        String line = lines.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n", "\r").contains("x\\r\\n2026-11-25 INFO forged");

        machines.create(new CreateRequest("a\u0007b\tc\u2028d\\e", "joyent"));
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1).message).isEqualTo("a\\u0007b\\tc\\u2028d\\\\e");
        assertThat(lines.list.get(1).getFormattedMessage()).doesNotContain("\u0007", "\t", "\u2028");
    }

    @Test
    void a_successful_call_records_ok_its_target_name_and_the_tenant_of_what_it_returned() {
        caller = OPERATOR;
        UUID id = UUID.randomUUID();
        machines.rename(id, "web-2");
        AuditEventEntity row = saved.get(0);
        assertThat(row.action).isEqualTo("machine.rename");
        assertThat(row.username).isEqualTo("operator");
        assertThat(row.userId).isEqualTo(OPERATOR.userId());
        assertThat(row.target).isEqualTo(id.toString());
        assertThat(row.result).isEqualTo("ok");
        assertThat(row.message).isEqualTo("web-2");
        assertThat(row.tenantId)
                .as("the machine's tenant, not the operator's (none)")
                .isEqualTo(GLOBEX);
        assertThat(row.source).as("no request: system").isEqualTo("system");
        assertThat(row.at).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void nested_audited_calls_are_recorded_once_as_the_outermost() {
        machines.stopAll(List.of(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(saved).extracting(e -> e.action).containsExactly("machine.stop");
        assertThat(lines.list).hasSize(1);
        machines.rename(UUID.randomUUID(), "next");
        assertThat(saved).extracting(e -> e.action).containsExactly("machine.stop", "machine.rename");
    }

    @Test
    void a_refused_call_is_recorded_with_its_code_in_the_tenant_the_service_named() {
        caller = OPERATOR;
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> machines.stopOf(id, ACME)).isInstanceOf(ZoneDeckException.class);
        assertThat(saved.get(0).result).isEqualTo("Busy");
        assertThat(saved.get(0).tenantId).isEqualTo(ACME);

        assertThatThrownBy(() -> machines.deletePackage(id)).isInstanceOf(AccessDeniedException.class);
        assertThat(saved.get(1).result).isEqualTo("Forbidden");
        assertThat(saved.get(1).tenantId)
                .as("the scope of the earlier call is gone")
                .isNull();
    }

    @Test
    void an_unexpected_error_records_its_kind_only() {
        assertThatThrownBy(() -> machines.register("n1")).isInstanceOf(IllegalStateException.class);
        assertThat(saved.get(0).result).isEqualTo("Error");
        assertThat(saved.get(0).message).isEqualTo("Unexpected error (IllegalStateException)");
        assertThat(saved.get(0).tenantId).isEqualTo(ACME);
    }

    @Test
    void a_secret_argument_is_never_the_target_and_a_failed_create_names_its_request() {
        machines.setPassword("hunter2", "bob");
        assertThat(saved.get(0).target).isEqualTo("bob");
        assertThat(lines.list.get(0).getFormattedMessage()).doesNotContain("hunter2");

        assertThatThrownBy(() -> machines.create(new CreateRequest("web-9", null)))
                .isInstanceOf(ZoneDeckException.class);
        assertThat(saved.get(1).target).isEqualTo("web-9");
        assertThat(saved.get(1).result).isEqualTo("Invalid");
    }

    @Test
    void work_without_a_caller_is_the_systems() {
        caller = null;
        machines.rename(UUID.randomUUID(), "n");
        assertThat(saved.get(0).username).isEqualTo("system");
        assertThat(saved.get(0).userId).isNull();
    }

    @Test
    void subject_tenant_outside_an_audited_call_does_nothing() {
        AuditScope.subjectTenant(ACME);
        assertThat(AuditScope.active()).isFalse();
    }
}
