package io.zonedeck.agent.api;

/** RFC 5798 router states (Initialize, Backup, Master), as vrrpadm show-router reports them. */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER
}
