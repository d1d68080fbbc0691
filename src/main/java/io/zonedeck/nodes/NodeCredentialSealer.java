package io.zonedeck.nodes;

import io.zonedeck.nodes.internal.CredentialCipher;
import io.zonedeck.nodes.internal.NodeEntity;
import io.zonedeck.nodes.internal.NodeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Encrypts, at start, the credentials of nodes registered before credentials were encrypted (plain rows of
 * migration V14's predecessors). Safe with several instances starting at once: a row is only rewritten while it
 * still holds the plain value.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NodeCredentialSealer implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(NodeCredentialSealer.class);
    private final NodeRepository nodes;
    private final CredentialCipher cipher;
    private final JdbcTemplate jdbc;

    NodeCredentialSealer(NodeRepository nodes, CredentialCipher cipher, JdbcTemplate jdbc) {
        this.nodes = nodes;
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sealed = sealPlainCredentials();
        if (sealed > 0) {
            log.info("encrypted the stored credentials of {} node(s)", sealed);
        }
    }

    /** Encrypts every plain credential; returns how many rows it rewrote. */
    int sealPlainCredentials() {
        int n = 0;
        for (NodeEntity e : nodes.findAll()) {
            if (!CredentialCipher.isEncrypted(e.credential)) {
                n += jdbc.update(
                        "update node set credential = ? where id = ? and credential = ?",
                        cipher.encrypt(e.id, e.credential),
                        e.id,
                        e.credential);
            }
        }
        return n;
    }
}
