package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.driver.DriverException;

/** A platform command printed something its parser does not understand (code OperationFailed). */
public class UnexpectedOutputException extends DriverException {
    private final String command;
    private final String offending;

    public UnexpectedOutputException(String command, String what, String offending) {
        super(OPERATION_FAILED, message(command, what, offending));
        this.command = command;
        this.offending = offending;
    }

    public UnexpectedOutputException(String command, String what, String offending, Throwable cause) {
        super(OPERATION_FAILED, message(command, what, offending), cause);
        this.command = command;
        this.offending = offending;
    }

    private static String message(String command, String what, String offending) {
        String shown =
                offending == null ? "" : offending.length() > 200 ? offending.substring(0, 200) + "…" : offending;
        return "unexpected output of `" + command + "`: " + what + (offending == null ? "" : " in \"" + shown + "\"");
    }

    /** The command whose output was not understood. */
    public String command() {
        return command;
    }

    /** The offending line or fragment (may be null). */
    public String offending() {
        return offending;
    }
}
