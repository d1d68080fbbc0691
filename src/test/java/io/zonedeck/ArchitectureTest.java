package io.zonedeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.zonedeck.audit.Audited;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;

/** Guardrails: the boundaries of ARCHITECTURE.md, checked on every build. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.zonedeck");
    }

    /** The node agent runs on compute nodes: JDK and Jackson only. */
    static final ArchRule AGENT_IS_LIGHT = noClasses()
            .that()
            .resideInAPackage("io.zonedeck.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.vaadin..", "jakarta.persistence..", "org.hibernate..")
            .because("the agent must stay light on a compute node");

    /** The agent knows nothing of the portal. */
    static final ArchRule AGENT_DOES_NOT_KNOW_THE_PORTAL = noClasses()
            .that()
            .resideInAPackage("io.zonedeck.agent..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages(
                    "io.zonedeck.agent..", "java..", "javax..", "com.fasterxml.jackson..", "com.sun.net.httpserver..");

    static final ArchRule VIEWS_NEVER_USE_REPOSITORIES = noClasses()
            .that()
            .resideInAPackage("..ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..internal..")
            .because("views talk to services, never to entities or repositories");

    static final ArchRule INTERNALS_STAY_IN_THEIR_FEATURE = slices().matching("io.zonedeck.(*)..")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(
                    com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage("..internal.."));

    static final ArchRule NO_CYCLES_BETWEEN_FEATURES =
            slices().matching("io.zonedeck.(*)..").should().beFreeOfCycles();

    /**
     * Verbs of public service methods that change something (picked from the code and the issues). Bookkeeping
     * that only runs inside another audited operation or on a timer is named otherwise on purpose (allocate,
     * reserve, release, heartbeat, checkSilence) and stays out of the log.
     */
    static final String MUTATING_VERBS = "create|update|delete|set|add|remove|start|stop|reboot|resize|rename"
            + "|rollback|snapshot|disable|enable|approve|reject|register|retire|reactivate|throttle|replace|request"
            + "|change|switchover|fail|recover|assign|grant|revoke|raise|reset|cancel|import|move|attach|detach"
            + "|suspend|resume|lock|unlock";

    /** A new mutation cannot be forgotten by the audit log. */
    static final ArchRule MUTATIONS_ARE_AUDITED = methods()
            .that()
            .areDeclaredInClassesThat()
            .areAnnotatedWith(Service.class)
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.zonedeck..")
            .and()
            .arePublic()
            .and()
            .haveNameMatching("(" + MUTATING_VERBS + ")([A-Z0-9_].*)?")
            .should()
            .beAnnotatedWith(Audited.class)
            .because("every change, from the UI or REST, is written to the audit log (@Audited)");

    @Test
    void every_mutating_service_method_is_audited() {
        MUTATIONS_ARE_AUDITED.check(classes);
    }

    /** A service as someone might add it: a public mutation without @Audited. */
    @Service
    static class ServiceWithAForgottenAudit {
        @Audited("thing.create")
        public void createThing() {}

        public void deleteThing() {}

        public void list() {}
    }

    @Test
    void the_audit_rule_fails_on_a_mutation_without_audited() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ServiceWithAForgottenAudit.class);
        assertThatThrownBy(() -> MUTATIONS_ARE_AUDITED.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("deleteThing")
                .hasMessageNotContaining("createThing")
                .hasMessageNotContaining("list()");
    }

    @Test
    void agent_depends_on_no_spring_or_vaadin() {
        AGENT_IS_LIGHT.check(classes);
    }

    @Test
    void agent_does_not_depend_on_the_portal() {
        AGENT_DOES_NOT_KNOW_THE_PORTAL.check(classes);
    }

    @Test
    void views_never_use_repositories_or_entities() {
        VIEWS_NEVER_USE_REPOSITORIES.check(classes);
    }

    @Test
    void no_feature_uses_another_features_internals() {
        INTERNALS_STAY_IN_THEIR_FEATURE.check(classes);
    }

    @Test
    void features_have_no_cycles() {
        NO_CYCLES_BETWEEN_FEATURES.check(classes);
    }
}
