package io.zonedeck.agent.api;

/**
 * One SMF service instance as {@code svcs -H -o state,stime,fmri} and {@code svcs -xv} show it.
 *
 * @param fmri e.g. svc:/system/filesystem/local:default
 * @param state online, degraded, maintenance, disabled, offline, uninitialized or legacy_run
 * @param since epoch millis of the last state change (stime); 0 when unknown (svcs prints {@code -})
 * @param reason why it is not online, from svcs -x ("Start method exited with $SMF_EXIT_ERR_FATAL."); null when
 *     online or disabled by an administrator
 */
public record SmfService(String fmri, String state, long since, String reason) {
    public static final java.util.Set<String> STATES =
            java.util.Set.of("online", "degraded", "maintenance", "disabled", "offline", "uninitialized", "legacy_run");
}
