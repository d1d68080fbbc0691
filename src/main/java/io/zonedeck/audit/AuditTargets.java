package io.zonedeck.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The target of an audited call, as {@link Audited} describes it: the first {@code UUID} or {@code String}
 * argument; else the id the call returned (a {@code UUID}, a record's {@code id()}, or the {@code id()} of a
 * record it holds, such as the machine of an accepted create); else the {@code name()} or {@code id()} of the
 * first record argument. Arguments whose name speaks of a secret (password, credential, token, secret, key)
 * are never used.
 */
final class AuditTargets {
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|credential|token|key).*");

    private AuditTargets() {}

    static String target(Method method, Object[] args, Object returned) {
        Parameter[] params = method.getParameters();
        for (int i = 0; i < args.length && i < params.length; i++) {
            if (SECRET.matcher(params[i].getName()).matches()) {
                continue;
            }
            if (args[i] instanceof UUID || args[i] instanceof String) {
                return args[i].toString();
            }
        }
        Optional<String> id = returnedId(returned);
        if (id.isPresent()) {
            return id.get();
        }
        for (int i = 0; i < args.length && i < params.length; i++) {
            Object arg = args[i];
            if (arg != null
                    && arg.getClass().isRecord()
                    && !SECRET.matcher(params[i].getName()).matches()) {
                Optional<String> v = component(arg, "name").or(() -> component(arg, "id"));
                if (v.isPresent()) {
                    return v.get();
                }
            }
        }
        return "";
    }

    /**
     * The name of what the call returned (its {@code name()}, else a {@code ...Name()} such as a job's machine
     * name, else the name of a record it holds), for the message of a successful call.
     */
    static Optional<String> returnedName(Object returned) {
        if (returned == null || !returned.getClass().isRecord()) {
            return Optional.empty();
        }
        Optional<String> own = nameOf(returned);
        if (own.isPresent()) {
            return own;
        }
        for (RecordComponent c : returned.getClass().getRecordComponents()) {
            Object v = value(returned, c);
            if (v != null && v.getClass().isRecord()) {
                Optional<String> held = nameOf(v);
                if (held.isPresent()) {
                    return held;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameOf(Object record) {
        return component(record, "name").or(() -> suffixed(record, "Name"));
    }

    /** The tenant of what the call returned: its {@code tenantId()} or that of a record it holds. */
    static Optional<UUID> returnedTenant(Object returned) {
        if (returned == null || !returned.getClass().isRecord()) {
            return Optional.empty();
        }
        Optional<UUID> direct = tenantOf(returned);
        if (direct.isPresent()) {
            return direct;
        }
        for (RecordComponent c : returned.getClass().getRecordComponents()) {
            Object v = value(returned, c);
            if (v != null && v.getClass().isRecord()) {
                Optional<UUID> nestedTenant = tenantOf(v);
                if (nestedTenant.isPresent()) {
                    return nestedTenant;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<UUID> tenantOf(Object record) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals("tenantId") && value(record, c) instanceof UUID u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> suffixed(Object record, String suffix) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().endsWith(suffix) && c.getType() == String.class) {
                Object v = value(record, c);
                if (v != null) {
                    return Optional.of(v.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> returnedId(Object returned) {
        if (returned instanceof UUID u) {
            return Optional.of(u.toString());
        }
        if (returned == null || !returned.getClass().isRecord()) {
            return Optional.empty();
        }
        return component(returned, "id").or(() -> nested(returned, "id"));
    }

    /** The named component of the first record component that is itself a record with one. */
    private static Optional<String> nested(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v = value(record, c);
            if (v != null && v.getClass().isRecord()) {
                Optional<String> found = component(v, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> component(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                Object v = value(record, c);
                return v == null ? Optional.empty() : Optional.of(v.toString());
            }
        }
        return Optional.empty();
    }

    private static Object value(Object record, RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
