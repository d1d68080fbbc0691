package io.zonedeck.base;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects field problems of one request and throws them together (the services' validation rules use it). */
public final class FieldProblems {
    public static final String MISSING = "MissingParameter";
    public static final String INVALID = "Invalid";
    public static final String DUPLICATE = "Duplicate";
    public static final String CONFLICTING = "ConflictingParameters";

    private final List<FieldProblem> list = new ArrayList<>();

    public void add(String field, String code, String message) {
        list.add(new FieldProblem(field, code, message));
    }

    public boolean has(String field) {
        return list.stream().anyMatch(p -> p.field().equals(field));
    }

    public List<FieldProblem> list() {
        return List.copyOf(list);
    }

    /** 409 Duplicate when every problem is a duplicate, else 422 Invalid; nothing when there is no problem. */
    public void throwIfAny() {
        if (list.isEmpty()) {
            return;
        }
        if (list.stream().allMatch(p -> p.code().equals(DUPLICATE))) {
            throw new ZoneDeckException(DUPLICATE, 409, list.get(0).message(), list);
        }
        throw ZoneDeckException.invalid(list);
    }
}
