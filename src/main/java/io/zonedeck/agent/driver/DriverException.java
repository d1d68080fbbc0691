package io.zonedeck.agent.driver;

/** A failed driver operation; {@link #code()} uses the codes of {@code ApiError}. */
public class DriverException extends Exception {
    public static final String NOT_FOUND = "NotFound";
    public static final String INVALID = "Invalid";
    public static final String DUPLICATE = "Duplicate";
    public static final String INVALID_STATE = "InvalidState";
    public static final String INSUFFICIENT_CAPACITY = "InsufficientCapacity";
    public static final String OPERATION_FAILED = "OperationFailed";
    public static final String NOT_SUPPORTED = "NotSupported";

    private final String code;

    public DriverException(String code, String message) {
        super(message);
        this.code = code;
    }

    public DriverException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
