package io.zonedeck.network;

import java.util.List;

/**
 * A network to create, or the new values of one (null = not given: required or defaulted on create,
 * unchanged on update). {@code ownerTenant} is a tenant's name or id; blank means public.
 */
public record NetworkRequest(
        String name,
        String nicTag,
        Integer vlanId,
        String subnet,
        String gateway,
        String rangeStart,
        String rangeEnd,
        List<String> resolvers,
        Integer mtu,
        String ownerTenant) {}
