package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.driver.HealthSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Validates and applies {@code POST /v1/sim/health}: a service's new state, or an FMA fault. */
final class HealthRules {
    /** FMA message ids: SUNOS-8000-J0, ZFS-8000-FD, DISK-8000-0X … */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,15}-[0-9A-Z]{4}-[0-9A-Z]{2,4}");

    private static final int MAX_TEXT = 256;

    private HealthRules() {}

    /**
     * Applies the request after checking every field.
     *
     * @throws ApiException 422 with field errors for a bad request
     */
    static void apply(HealthSimulator sim, NodeHealth current, SimHealthRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.service() == null && r.fault() == null) {
            errors.add(PayloadValidator.missing("service"));
            errors.add(PayloadValidator.missing("fault"));
            PayloadValidator.throwIfAny(errors);
        }
        if (r.service() != null && r.fault() != null) {
            errors.add(PayloadValidator.conflicting("fault", "give either service (with state) or fault, not both"));
            PayloadValidator.throwIfAny(errors);
        }
        if (r.service() != null) {
            checkService(current, r, errors);
            PayloadValidator.throwIfAny(errors);
            sim.setServiceState(r.service(), r.state(), blankToNull(r.reason()));
            return;
        }
        if (r.state() != null || r.reason() != null) {
            errors.add(PayloadValidator.conflicting("state", "state and reason go with service, not with fault"));
        }
        SimHealthRequest.Fault f = r.fault();
        if (blank(f.code())) {
            errors.add(PayloadValidator.missing("fault.code"));
        } else if (!CODE.matcher(f.code()).matches()) {
            errors.add(PayloadValidator.invalid(
                    "fault.code", "code must be an FMA message id like ZFS-8000-FD or SUNOS-8000-J0"));
        }
        if (blank(f.severity())) {
            errors.add(PayloadValidator.missing("fault.severity"));
        } else if (!FmaFault.SEVERITIES.contains(f.severity())) {
            errors.add(PayloadValidator.invalid(
                    "fault.severity", "severity must be one of " + String.join(", ", FmaFault.SEVERITIES)));
        }
        if (blank(f.resource())) {
            errors.add(PayloadValidator.missing("fault.resource"));
        } else {
            text("fault.resource", f.resource(), errors);
        }
        text("fault.summary", f.summary(), errors);
        PayloadValidator.throwIfAny(errors);
        sim.addFault(f.code(), f.severity(), f.resource().strip(), blankToNull(f.summary()));
    }

    private static void checkService(NodeHealth current, SimHealthRequest r, List<FieldError> errors) {
        boolean known = current.services().stream().anyMatch(s -> s.fmri().equals(r.service()));
        if (!known) {
            errors.add(PayloadValidator.invalid("service", "no service " + shorten(r.service()) + " on this node"));
        }
        if (blank(r.state())) {
            errors.add(PayloadValidator.missing("state"));
        } else if (!SmfService.STATES.contains(r.state())) {
            errors.add(PayloadValidator.invalid(
                    "state", "state must be one of " + String.join(", ", new TreeSet<>(SmfService.STATES))));
        }
        text("reason", r.reason(), errors);
    }

    private static void text(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(PayloadValidator.invalid(field, field + " must be at most " + MAX_TEXT + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(PayloadValidator.invalid(field, field + " must not contain control characters"));
        }
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
