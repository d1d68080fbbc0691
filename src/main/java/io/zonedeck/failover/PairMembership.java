package io.zonedeck.failover;

import io.zonedeck.compute.DeletionGuard;
import io.zonedeck.failover.internal.PairRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A machine that is a member of a failover pair is not deleted until the pair is. */
@Component
class PairMembership implements DeletionGuard {
    private final PairRepository pairs;

    PairMembership(PairRepository pairs) {
        this.pairs = pairs;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> refuseDeletion(UUID machineId) {
        return pairs.findByMember(machineId).stream()
                .findFirst()
                .map(p -> "it is a member of failover pair " + p.name + "; delete the pair first");
    }
}
