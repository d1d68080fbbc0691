package io.zonedeck.agent.driver.smartos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded outputs under src/test/resources/smartos (see the README there). */
final class Recorded {
    private Recorded() {}

    static String read(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/smartos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
