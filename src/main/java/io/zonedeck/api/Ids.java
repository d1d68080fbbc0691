package io.zonedeck.api;

import io.zonedeck.base.ZoneDeckException;
import java.util.UUID;

final class Ids {
    private Ids() {}

    /** A path id; a malformed one answers like a missing one. */
    static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ZoneDeckException.notFound(what + " " + id);
        }
    }
}
