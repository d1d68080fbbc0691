package io.zonedeck.catalog;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects field problems of one request and throws them together. */
final class Problems {
    static final String MISSING = "MissingParameter";
    static final String INVALID = "Invalid";
    static final String DUPLICATE = "Duplicate";
    static final String CONFLICTING = "ConflictingParameters";

    private final List<FieldProblem> list = new ArrayList<>();

    void add(String field, String code, String message) {
        list.add(new FieldProblem(field, code, message));
    }

    boolean has(String field) {
        return list.stream().anyMatch(p -> p.field().equals(field));
    }

    List<FieldProblem> list() {
        return List.copyOf(list);
    }

    /** 409 Duplicate when every problem is a duplicate, else 422 Invalid; nothing when there is no problem. */
    void throwIfAny() {
        if (list.isEmpty()) {
            return;
        }
        if (list.stream().allMatch(p -> p.code().equals(DUPLICATE))) {
            throw new ZoneDeckException(DUPLICATE, 409, list.get(0).message(), list);
        }
        throw ZoneDeckException.invalid(list);
    }
}
