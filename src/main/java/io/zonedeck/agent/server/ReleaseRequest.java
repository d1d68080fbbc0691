package io.zonedeck.agent.server;

/** Body of {@code POST /v1/machines/{uuid}/vrrp/{vrid}/release}: the priority to run with afterwards. */
record ReleaseRequest(Integer priority) {}
