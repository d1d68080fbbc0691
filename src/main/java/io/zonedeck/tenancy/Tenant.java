package io.zonedeck.tenancy;

import java.util.UUID;

public record Tenant(UUID id, String name, String displayName) {}
