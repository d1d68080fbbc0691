package io.zonedeck.agent.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a console attaches to: a login shell in a zone ({@code zlogin}), the zone's console ({@code zlogin -C}), or
 * a hardware VM's VNC framebuffer ({@code vmadm info UUID vnc}).
 */
public enum ConsoleKind {
    SHELL,
    SERIAL,
    VNC;

    private static final List<String> HVM = List.of("kvm", "bhyve");

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Empty for anything but the three wire names. */
    public static Optional<ConsoleKind> parse(String s) {
        for (ConsoleKind k : values()) {
            if (k.wire().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static ConsoleKind fromWire(String s) {
        return parse(s).orElseThrow(() -> new IllegalArgumentException("kind must be shell, serial or vnc"));
    }

    /** The kinds a machine of this brand has: zones a shell and their console, hardware VMs VNC. */
    public static List<ConsoleKind> of(String brand) {
        return HVM.contains(brand) ? List.of(VNC) : List.of(SHELL, SERIAL);
    }

    /** Whether the browser shows this kind in a terminal (else on a VNC canvas). */
    public boolean terminal() {
        return this != VNC;
    }
}
