package io.zonedeck.base;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This portal process among the instances sharing one database: its name (host, process id and a random part, so a
 * restarted process is a new instance) is what db-scheduler and the node leases record as holder.
 */
public record PortalInstance(String name) {
    static PortalInstance ofThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String random = UUID.randomUUID().toString().substring(0, 8);
        return new PortalInstance(host + "-" + ProcessHandle.current().pid() + "-" + random);
    }
}
