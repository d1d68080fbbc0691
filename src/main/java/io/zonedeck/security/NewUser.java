package io.zonedeck.security;

/**
 * A user to create.
 *
 * @param tenant the tenant's id or name; null for an operator, and a tenant admin's own tenant when left out
 */
public record NewUser(String username, String password, String role, String tenant) {}
