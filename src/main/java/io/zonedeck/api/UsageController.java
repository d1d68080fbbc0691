package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.metering.Granularity;
import io.zonedeck.metering.UsageCsv;
import io.zonedeck.metering.UsageQuery;
import io.zonedeck.metering.UsageReport;
import io.zonedeck.metering.UsageService;
import io.zonedeck.tenancy.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Metered usage as JSON, or as CSV for {@code Accept: text/csv}; scoped by the caller in {@link UsageService}. */
@RestController
@Tag(name = "usage", description = "Hourly usage per machine and tenant")
class UsageController {
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final UsageService usage;
    private final TenantService tenants;
    private final Clock clock;

    UsageController(UsageService usage, TenantService tenants, Clock clock) {
        this.usage = usage;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping(value = "/api/v1/usage")
    @Operation(
            summary = "Usage per machine per hour or day (tenants: their own; operators: all or one tenant)",
            description = "from, to: ISO dates (UTC days; a date as 'to' includes that day) or instants; default the"
                    + " last 24 hours. granularity: hour (default) or day. tenant: id or name (operators)."
                    + " Accept: text/csv gives CSV.")
    ResponseEntity<?> usage(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String tenant,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        FieldProblems problems = new FieldProblems();
        Instant end = to == null || to.isBlank() ? clock.instant() : parse("to", to, true, problems);
        Instant start = from == null || from.isBlank()
                ? (end == null ? null : end.minus(Duration.ofDays(1)))
                : parse("from", from, false, problems);
        Granularity g = granularity == null || granularity.isBlank()
                ? Granularity.HOUR
                : Granularity.parse(granularity).orElse(null);
        if (g == null) {
            problems.add("granularity", FieldProblems.INVALID, "Use hour or day");
        }
        problems.throwIfAny();
        UsageReport report = usage.usage(new UsageQuery(start, end, g, tenantId(tenant)));
        if (wantsCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(UsageCsv.CONTENT_TYPE))
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\""
                                    + UsageCsv.fileName(
                                            day(report.from()), day(report.to().minusMillis(1))) + "\"")
                    .body(UsageCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /**
     * Refusals are JSON even when CSV was asked for (the shared handler would negotiate them to CSV and fail).
     */
    @ExceptionHandler(ZoneDeckException.class)
    ResponseEntity<ApiError> refused(ZoneDeckException e) {
        List<ApiError.FieldError> fields = e.errors().stream()
                .map(f -> new ApiError.FieldError(f.field(), f.code(), f.message()))
                .toList();
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(e.code(), e.getMessage(), fields));
    }

    /** A tenant by id or name; an unknown one matches nothing (like another tenant's). */
    private UUID tenantId(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(tenant.trim());
        } catch (IllegalArgumentException e) {
            return tenants.findByName(tenant.trim())
                    .map(io.zonedeck.tenancy.Tenant::id)
                    .orElse(new UUID(0, 0));
        }
    }

    /** An ISO date (UTC; as the end of a range it includes that day) or an instant with offset. */
    private static Instant parse(String field, String value, boolean end, FieldProblems problems) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(
                    field, FieldProblems.INVALID, "Use an ISO date (2025-01-31) or instant (2025-01-31T10:00:00Z)");
            return null;
        }
    }

    private static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            MediaType.sortBySpecificityAndQuality(types);
            for (MediaType t : types) {
                if (t.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return false;
                }
                if (t.isCompatibleWith(TEXT_CSV)) {
                    return true;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return false;
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
