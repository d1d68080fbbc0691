package io.zonedeck.security;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.internal.SshKeyEntity;
import io.zonedeck.security.internal.SshKeyRepository;
import io.zonedeck.security.internal.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's own SSH public keys: nobody sees or touches another user's keys (another user's key id is
 * NotFound like a missing one). The create wizard offers them.
 */
@Service
public class SshKeyService {
    /** At most this many saved keys per user (a machine takes at most 32 keys). */
    public static final int MAX_KEYS = 32;

    private final SshKeyRepository keys;
    private final UserRepository users;
    private final CurrentCaller caller;
    private final Clock clock;

    SshKeyService(SshKeyRepository keys, UserRepository users, CurrentCaller caller, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.caller = caller;
        this.clock = clock;
    }

    /** The caller's keys, oldest first. */
    @Transactional(readOnly = true)
    public List<SshKey> mine() {
        return keys.findByUserIdOrderByCreatedAtAscNameAsc(caller.get().userId()).stream()
                .map(SshKeyService::toRecord)
                .toList();
    }

    /**
     * Saves a public key for the caller under a name. Refused with field errors: a malformed key or name (422), a
     * key or name the caller already saved (409 Duplicate).
     */
    @Transactional
    @Audited("sshkey.add")
    public SshKey add(String name, String publicKey) {
        Caller c = caller.get();
        if (!users.existsById(c.userId())) {
            throw ZoneDeckException.notFound("user " + c.username());
        }
        FieldProblems p = new FieldProblems();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            p.add("name", FieldProblems.MISSING, "Give the key a name, e.g. laptop");
        } else if (n.length() > 64 || n.codePoints().anyMatch(Character::isISOControl)) {
            p.add("name", FieldProblems.INVALID, "Use at most 64 characters without control characters");
        }
        SshPublicKey key = null;
        try {
            key = SshPublicKey.parse(publicKey);
        } catch (IllegalArgumentException e) {
            p.add("publicKey", FieldProblems.INVALID, e.getMessage());
        }
        if (!p.has("name") && keys.existsByUserIdAndName(c.userId(), n)) {
            p.add("name", FieldProblems.DUPLICATE, "You already have a key named " + n);
        }
        if (key != null) {
            Optional<SshKeyEntity> same = keys.findByUserIdAndFingerprint(c.userId(), key.fingerprint());
            if (same.isPresent()) {
                p.add("publicKey", FieldProblems.DUPLICATE, "This key is already saved as " + same.get().name);
            }
        }
        if (p.list().isEmpty() && keys.countByUserId(c.userId()) >= MAX_KEYS) {
            p.add("publicKey", FieldProblems.INVALID, "At most " + MAX_KEYS + " keys: delete one first");
        }
        p.throwIfAny();
        SshKeyEntity e = new SshKeyEntity();
        e.id = UUID.randomUUID();
        e.userId = c.userId();
        e.name = n;
        e.keyType = key.type();
        e.bits = key.bits();
        e.publicKey = key.line();
        e.fingerprint = key.fingerprint();
        e.createdAt = clock.instant();
        return toRecord(keys.save(e));
    }

    /** Deletes one of the caller's keys; another user's key is NotFound. */
    @Transactional
    @Audited("sshkey.delete")
    public void delete(UUID id) {
        SshKeyEntity e = keys.findByIdAndUserId(id, caller.get().userId())
                .orElseThrow(() -> ZoneDeckException.notFound("SSH key " + id));
        keys.delete(e);
    }

    private static SshKey toRecord(SshKeyEntity e) {
        String[] parts = e.publicKey.split(" ", 3);
        return new SshKey(
                e.id,
                e.name,
                e.keyType,
                e.bits,
                e.fingerprint,
                parts.length > 2 ? parts[2] : "",
                e.publicKey,
                e.createdAt);
    }
}
