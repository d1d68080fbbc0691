package io.zonedeck.agent.api;

/**
 * Body of {@code POST /v1/sim/health} (sim nodes only): either a service's new state or an FMA fault to diagnose.
 *
 * @param service the FMRI of one of the node's services, with {@code state} (one of {@link SmfService#STATES}) and
 *     an optional {@code reason}
 * @param fault a fault to add; its uuid and timestamp are assigned by the node
 */
public record SimHealthRequest(String service, String state, String reason, Fault fault) {
    /** An FMA fault to inject: code and severity are required, summary defaults to a generic one. */
    public record Fault(String code, String severity, String resource, String summary) {}

    public static SimHealthRequest service(String fmri, String state, String reason) {
        return new SimHealthRequest(fmri, state, reason, null);
    }

    public static SimHealthRequest fault(String code, String severity, String resource, String summary) {
        return new SimHealthRequest(null, null, null, new Fault(code, severity, resource, summary));
    }
}
