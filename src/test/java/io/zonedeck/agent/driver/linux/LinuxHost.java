package io.zonedeck.agent.driver.linux;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate of the tests that need a real Linux host as root (cgroups, namespaces, veth, bpftrace, keepalived).
 *
 * <p>When {@value #REQUIRE_ENV}=1 (CI sets it: it runs as root on a machine that has all of it), a missing feature
 * <b>fails</b> the test with the reason; otherwise the test is skipped, so a developer's laptop without root still
 * runs the rest of the suite.
 */
public final class LinuxHost {
    public static final String REQUIRE_ENV = "ZONEDECK_REQUIRE_LINUX_DRIVER";

    private LinuxHost() {}

    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV)) || Boolean.getBoolean("zonedeck.requireLinuxDriver");
    }

    /** Fails (when required) or skips the test unless {@code condition} holds. */
    public static void need(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (required()) {
            fail(REQUIRE_ENV + "=1 but " + what);
        }
        Assumptions.assumeTrue(false, "skipped: " + what + " (set " + REQUIRE_ENV + "=1 to make this a failure)");
    }

    /** Root, Linux, cgroups (v1 or v2), ip netns. */
    public static void needRoot() {
        need(System.getProperty("os.name", "").toLowerCase().contains("linux"), "this is not Linux");
        need("root".equals(System.getProperty("user.name")), "the tests do not run as root");
        need(Files.isDirectory(Path.of("/sys/fs/cgroup")), "/sys/fs/cgroup is missing");
        need(runs("ip", "netns", "list"), "`ip netns` does not work (iproute2 missing?)");
        need(runs("unshare", "--version"), "`unshare` is missing (util-linux)");
    }

    public static void needBpftrace() {
        needRoot();
        need(runs("bpftrace", "--version"), "bpftrace is not installed");
    }

    public static void needKeepalived() {
        needRoot();
        need(runs("keepalived", "--version"), "keepalived is not installed");
    }

    /** Whether the command runs and exits 0 within 10 s. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
