package io.zonedeck.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public service method that changes something: every call, from the UI or REST, is written to the
 * audit log with who, tenant, {@link #value() action}, target, result and request id.
 *
 * <p>The target is the first argument that is a {@code UUID} or a {@code String}, or, when there is none, the
 * id the method returns. Nested audited calls (one service calling another) are recorded once, as the
 * outermost call.
 *
 * <p>In detail: a returned id is a {@code UUID}, a returned record's {@code id()}, or the {@code id()} of a record
 * the returned record holds (the machine of an accepted create); a call that returned nothing usable (or
 * failed) falls back to the {@code name()} or {@code id()} of its first record argument. Arguments whose name
 * speaks of a secret (password, credential, token, secret, key) are never the target. A successful call's
 * message is the returned thing's name; a refused call's result is the refusal's code (NotFound, Invalid, Busy,
 * Forbidden, ...) and its message the refusal's message. The record belongs to the tenant a service names with
 * {@link AuditScope#subjectTenant(java.util.UUID)} during the call, else to the tenant of what a successful call
 * returned (its {@code tenantId()}, or that of a record it holds), else to the caller's tenant. An architecture
 * rule requires this annotation on every public {@code @Service} method whose name starts with a mutating verb.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    /** The action, {@code feature.verb}: {@code machine.create}, {@code quota.set}, {@code user.disable}. */
    String value();
}
