package io.zonedeck.base;

import java.util.List;

/**
 * A refusal the caller can act on: a code from the agent protocol's vocabulary (NotFound, Invalid,
 * MissingParameter, Duplicate, Busy, InsufficientCapacity, ...), an HTTP status, and field-level errors.
 */
public class ZoneDeckException extends RuntimeException {
    private final String code;
    private final int status;
    private final List<FieldProblem> errors;

    public record FieldProblem(String field, String code, String message) {}

    public ZoneDeckException(String code, int status, String message, List<FieldProblem> errors) {
        this(code, status, message, errors, null);
    }

    public ZoneDeckException(String code, int status, String message, List<FieldProblem> errors, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ZoneDeckException notFound(String what) {
        return new ZoneDeckException("NotFound", 404, what + " not found", List.of());
    }

    public static ZoneDeckException invalid(List<FieldProblem> errors) {
        return new ZoneDeckException(
                "Invalid", 422, "Invalid request: " + errors.get(0).message(), errors);
    }

    public static ZoneDeckException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, "Invalid", message)));
    }

    public static ZoneDeckException conflict(String code, String message) {
        return new ZoneDeckException(code, 409, message, List.of());
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** The message for one field, if this error names it. */
    public java.util.Optional<String> messageFor(String field) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(FieldProblem::message)
                .findFirst();
    }
}
