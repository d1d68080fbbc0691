package io.zonedeck.base;

import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last line before the database, for every entry point (views, REST, agents): an entity whose text cannot be
 * stored (see {@link StorableText}) is refused naming the property, instead of failing inside the JDBC driver. A
 * default entity listener (META-INF/orm.xml), so no entity can forget it.
 */
public class StorableTextGuard {
    private static final ConcurrentHashMap<Class<?>, List<Field>> TEXT_FIELDS = new ConcurrentHashMap<>();

    @PrePersist
    @PreUpdate
    void check(Object entity) {
        for (Field f : TEXT_FIELDS.computeIfAbsent(entity.getClass(), StorableTextGuard::textFields)) {
            try {
                StorableText.require(f.getName(), (String) f.get(entity));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<Field> textFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return List.copyOf(out);
    }
}
