package io.zonedeck.tenancy;

/**
 * A tenant admin's request for more of one limit.
 *
 * @param limit the limit's key ({@code machines}, {@code ramMiB}, ...)
 * @param value the new limit asked for, in the limit's unit; more than the current limit
 * @param reason why, 1-500 characters
 */
public record QuotaRaise(String limit, Long value, String reason) {}
