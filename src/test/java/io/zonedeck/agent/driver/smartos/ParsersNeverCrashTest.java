package io.zonedeck.agent.driver.smartos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every parser, fed thousands of mangled versions of its recorded output (truncated, lines dropped or swapped,
 * characters replaced), either reads it or throws {@link UnexpectedOutputException}: never a NullPointerException,
 * an IndexOutOfBoundsException or a NumberFormatException that would take the agent down.
 */
class ParsersNeverCrashTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    static final int ROUNDS = 300;

    @FunctionalInterface
    interface Parser {
        void parse(String text) throws UnexpectedOutputException;
    }

    @Test
    void mangled_outputs_are_read_or_refused_cleanly_by_every_parser() {
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        refused += fuzz("vmadm-list.json", VmadmParser::parseList, crashes);
        refused += fuzz(
                "vmadm-list.json", t -> VmadmParser.parseGet("u", t.substring(Math.max(0, t.indexOf('{')))), crashes);
        refused += fuzz("vmadm-validate-invalid.txt", VmadmParser::parseValidationErrors, crashes);
        refused += fuzz("zfs-snapshots.txt", t -> ZfsParser.parseSnapshots("zfs list", t), crashes);
        refused += fuzz("zfs-space.txt", t -> ZfsParser.parseSpace("zfs list", t), crashes);
        refused += fuzz("imgadm-list.json", ImgadmParser::parse, crashes);
        refused += fuzz("sysinfo.json", SysinfoParser::parse, crashes);
        refused += fuzz("kstat-2.txt", t -> KstatParser.parse("kstat -p", t), crashes);
        refused += fuzz(
                "kstat-2.txt",
                t -> new KstatSampler().sample(KstatParser.parse("kstat -p", t, e -> {}), 4, u -> 1, null),
                crashes);
        refused += fuzz("dtrace-second.txt", DtraceParser::parseBlock, crashes);
        refused += fuzz("vrrpadm-show-router.txt", VrrpadmParser::parse, crashes);
        refused += fuzz("svcs-list.txt", t -> SvcsParser.parse(t, "", NOW), crashes);
        refused += fuzz("svcs-xv.txt", SvcsParser::parseReasons, crashes);
        refused += fuzz("fmadm-faulty.txt", t -> FmadmParser.parse(t, NOW), crashes);
        assertThat(crashes).as("parsers that crashed instead of refusing").isEmpty();
        assertThat(refused).as("the mangling does produce refusals").isGreaterThan(ROUNDS / 2);
    }

    private static int fuzz(String recorded, Parser parser, List<String> crashes) {
        String original = Recorded.read(recorded);
        Random random = new Random(recorded.hashCode());
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String mangled = mangle(original, random);
            try {
                parser.parse(mangled);
            } catch (UnexpectedOutputException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add(recorded + ": a refusal without a message");
                }
            } catch (RuntimeException e) {
                if (crashes.size() < 20) {
                    crashes.add(recorded + ": " + e + " on:\n" + mangled.substring(0, Math.min(300, mangled.length())));
                }
            }
        }
        return refused;
    }

    static String mangle(String s, Random r) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        switch (r.nextInt(6)) {
            case 0 -> {
                return s.substring(0, r.nextInt(s.length() + 1));
            }
            case 1 -> {
                if (!lines.isEmpty()) {
                    lines.remove(r.nextInt(lines.size()));
                }
            }
            case 2 -> {
                if (lines.size() > 1) {
                    int a = r.nextInt(lines.size());
                    int b = r.nextInt(lines.size());
                    String t = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, t);
                }
            }
            case 3 -> {
                char[] c = s.toCharArray();
                String junk = ":\t |@{}[]\",-0123456789abcxyz\n";
                for (int k = 0; k < 1 + r.nextInt(6) && c.length > 0; k++) {
                    c[r.nextInt(c.length)] = junk.charAt(r.nextInt(junk.length()));
                }
                return new String(c);
            }
            case 4 -> {
                if (!lines.isEmpty()) {
                    int i = r.nextInt(lines.size());
                    String l = lines.get(i);
                    lines.set(i, l.substring(0, r.nextInt(l.length() + 1)));
                }
            }
            default -> lines.add(r.nextInt(lines.size() + 1), "unexpected: 99999999999999999999999 \t x:y:z");
        }
        return String.join("\n", lines);
    }
}
