package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.VrrpState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code vrrpadm show-router -p -o }{@link #FIELDS}. illumos' vrrpadm refuses {@code -P} together with
 * {@code -x} ("incompatible -P and -x options"), so the driver asks for the union of both field sets (extended:
 * state, previous state, time since the last transition, primary and virtual IPs; peer: the master's address,
 * priority and time since its last advert) in one parsable call. Parsable output is ofmt's: fields separated by
 * {@code :}, a colon inside a value (IPv6) escaped as {@code \:}; MODE is {@code e o p a} flags or {@code -}
 * (enabled, address owner, preempt, accept); times read like {@code 141.346s} or {@code 2m21s}.
 */
public final class VrrpadmParser {
    public static final String FIELDS =
            "NAME,VRID,PRIO,ADV_INTV,MODE,STATE,PRV_STAT,STAT_LAST,PRIMARY_IP,VIRTUAL_IPS,PEER,P_PRIO,P_ADV_LAST";
    static final String COMMAND = "vrrpadm show-router -p -o " + FIELDS;
    private static final int N = FIELDS.split(",").length;

    /** One router as vrrpadm shows it. */
    public record Router(
            String name,
            int vrid,
            int priority,
            int intervalMs,
            boolean enabled,
            boolean preempt,
            boolean accept,
            VrrpState state,
            VrrpState previous,
            long sinceTransitionMs,
            String primaryIp,
            List<String> vips,
            String peer,
            Integer peerPriority,
            Long sincePeerAdvertMs) {}

    private VrrpadmParser() {}

    public static List<Router> parse(String stdout) throws UnexpectedOutputException {
        List<Router> out = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != N) {
                throw new UnexpectedOutputException(
                        COMMAND, "expected " + N + " ':'-separated fields, got " + f.size(), line);
            }
            String mode = f.get(4);
            if (mode.length() != 5 || !mode.matches("[e-][o-][p-][a-]-")) {
                throw new UnexpectedOutputException(COMMAND, "MODE '" + mode + "' is not of the form eopa-", line);
            }
            String peer = f.get(10).strip();
            boolean noPeer = peer.isEmpty() || peer.equals("--") || peer.equals("0.0.0.0") || peer.equals("::");
            out.add(new Router(
                    f.get(0),
                    integer(f.get(1), line),
                    integer(f.get(2), line),
                    integer(f.get(3), line),
                    mode.charAt(0) == 'e',
                    mode.charAt(2) == 'p',
                    mode.charAt(3) == 'a',
                    state(f.get(5), line),
                    state(f.get(6), line),
                    millis(f.get(7), line),
                    f.get(8).strip(),
                    f.get(9).isBlank()
                            ? List.of()
                            : Arrays.stream(f.get(9).split(","))
                                    .map(String::strip)
                                    .toList(),
                    noPeer ? null : peer,
                    noPeer ? null : integer(f.get(11), line),
                    noPeer ? null : millis(f.get(12), line)));
        }
        return out;
    }

    static VrrpState state(String s, String line) throws UnexpectedOutputException {
        return switch (s.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "INIT", "INITIALIZE", "NONE" -> VrrpState.INIT;
            case "BACKUP" -> VrrpState.BACKUP;
            case "MASTER" -> VrrpState.MASTER;
            default -> throw new UnexpectedOutputException(COMMAND, "unknown router state '" + s + "'", line);
        };
    }

    /** {@code 141.346s} → 141346; {@code 2m21s} → 141000. */
    static long millis(String s, String line) throws UnexpectedOutputException {
        String t = s.strip();
        try {
            if (t.matches("\\d+\\.\\d{3}s")) {
                return Long.parseLong(t.substring(0, t.indexOf('.'))) * 1000
                        + Long.parseLong(t.substring(t.indexOf('.') + 1, t.length() - 1));
            }
            if (t.matches("\\d+m\\s*\\d+s")) {
                String[] ms = t.substring(0, t.length() - 1).split("m");
                return (Long.parseLong(ms[0]) * 60 + Long.parseLong(ms[1].strip())) * 1000;
            }
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException(COMMAND, "time '" + s + "' out of range", line, e);
        }
        throw new UnexpectedOutputException(COMMAND, "time '" + s + "' is neither N.NNNs nor NmNs", line);
    }

    private static int integer(String s, String line) throws UnexpectedOutputException {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException(COMMAND, "'" + s + "' is not a number", line, e);
        }
    }

    /** ofmt's parsable form: ':' separates, '\' escapes ':' and '\'. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
