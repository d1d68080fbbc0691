package io.zonedeck.agent.api;

/**
 * One problem diagnosed by FMA, as {@code fmadm faulty} shows it.
 *
 * @param uuid the problem's EVENT-ID
 * @param code the message id (SUNOS-8000-…, ZFS-8000-…, DISK-8000-…)
 * @param severity Critical, Major or Minor
 * @param resource the affected resource's FMRI (zfs://pool=zones/vdev=…, dev:///:devid=…, cpu:///cpuid=3)
 * @param summary the one-line problem summary
 * @param timestamp epoch millis of the diagnosis
 */
public record FmaFault(String uuid, String code, String severity, String resource, String summary, long timestamp) {
    public static final java.util.List<String> SEVERITIES = java.util.List.of("Critical", "Major", "Minor");
}
