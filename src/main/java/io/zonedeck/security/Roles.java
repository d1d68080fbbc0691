package io.zonedeck.security;

/** The three roles; Spring authorities carry the ROLE_ prefix. */
public final class Roles {
    public static final String OPERATOR = "OPERATOR";
    public static final String TENANT_ADMIN = "TENANT_ADMIN";
    public static final String TENANT_USER = "TENANT_USER";

    private Roles() {}
}
