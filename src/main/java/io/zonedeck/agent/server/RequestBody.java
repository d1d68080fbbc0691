package io.zonedeck.agent.server;

import java.util.Optional;
import java.util.Set;

/** The JSON body of a request, read on demand (400 for malformed JSON). */
interface RequestBody {
    /** The body as {@code type}; 400 when it is missing or malformed. */
    <T> T read(Class<T> type);

    /** The body as {@code type}, or empty when the request has no body. */
    <T> Optional<T> readOptional(Class<T> type);

    /** The top-level property names of a JSON object body (empty without a body). */
    Set<String> fieldNames();
}
