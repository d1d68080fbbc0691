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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    /** The action, {@code feature.verb}: {@code machine.create}, {@code quota.set}, {@code user.disable}. */
    String value();
}
