package io.zonedeck.catalog;

import io.zonedeck.base.FieldProblems;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules of packages and images, field by field (no database: duplicates are the service's). */
final class CatalogRules {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");
    /** IMGAPI's os values. */
    static final List<String> OS = List.of("smartos", "linux", "windows", "bsd", "illumos", "other");

    private static final java.util.Map<String, String> LABELS = java.util.Map.of(
            "ramMiB", "RAM",
            "diskGiB", "Disk quota",
            "vcpus", "vCPUs",
            "cpuCap", "CPU cap",
            "cpuShares", "CPU shares",
            "zfsIoPriority", "I/O priority",
            "maxLwps", "Max LWPs",
            "maxSwapMiB", "Swap");

    static final int DEFAULT_VCPUS = 1;
    static final int DEFAULT_CPU_CAP = 0;
    static final int DEFAULT_CPU_SHARES = 100;
    static final int DEFAULT_ZFS_IO_PRIORITY = 100;
    static final int DEFAULT_MAX_LWPS = 2000;

    private CatalogRules() {}

    /** vmadm's defaults for what a create leaves out; swap defaults to twice the RAM, at least 256 MiB. */
    static PackageRequest withDefaults(PackageRequest r) {
        return new PackageRequest(
                r.name() == null ? null : r.name().trim(),
                r.ramMiB(),
                r.diskGiB(),
                r.vcpus() == null ? DEFAULT_VCPUS : r.vcpus(),
                r.cpuCap() == null ? DEFAULT_CPU_CAP : r.cpuCap(),
                r.cpuShares() == null ? DEFAULT_CPU_SHARES : r.cpuShares(),
                r.zfsIoPriority() == null ? DEFAULT_ZFS_IO_PRIORITY : r.zfsIoPriority(),
                r.maxLwps() == null ? DEFAULT_MAX_LWPS : r.maxLwps(),
                r.maxSwapMiB() == null && r.ramMiB() != null
                        ? Long.valueOf(Math.max(2 * r.ramMiB(), 256))
                        : r.maxSwapMiB(),
                r.billingTag() == null ? "" : r.billingTag().trim());
    }

    /** Checks a complete package (after {@link #withDefaults}). */
    static FieldProblems checkPackage(PackageRequest r) {
        FieldProblems p = new FieldProblems();
        name(p, "name", r.name(), "package");
        atLeast(p, "ramMiB", r.ramMiB(), 64, "RAM must be at least 64 MiB");
        atLeast(p, "diskGiB", r.diskGiB(), 1, "Disk quota must be at least 1 GiB");
        between(p, "vcpus", r.vcpus(), 1, 64, "vCPUs must be between 1 and 64");
        between(p, "cpuCap", r.cpuCap(), 0, 6400, "CPU cap must be between 0 (uncapped) and 6400 %");
        between(p, "cpuShares", r.cpuShares(), 1, 65535, "CPU shares must be between 1 and 65535");
        between(p, "zfsIoPriority", r.zfsIoPriority(), 0, 1000, "I/O priority must be between 0 and 1000");
        atLeast(
                p,
                "maxLwps",
                r.maxLwps() == null ? null : r.maxLwps().longValue(),
                100,
                "Max LWPs must be at least 100");
        // without RAM the swap has no default; its absence is then not a problem of its own
        boolean swapUndecidable = r.maxSwapMiB() == null && r.ramMiB() == null;
        if (!swapUndecidable
                && atLeast(p, "maxSwapMiB", r.maxSwapMiB(), 256, "Swap must be at least 256 MiB")
                && r.ramMiB() != null
                && !p.has("ramMiB")
                && r.maxSwapMiB() < r.ramMiB()) {
            p.add(
                    "maxSwapMiB",
                    FieldProblems.CONFLICTING,
                    "Swap (" + r.maxSwapMiB() + " MiB) must be at least the RAM (" + r.ramMiB() + " MiB)");
        }
        if (r.billingTag() != null && r.billingTag().length() > 64) {
            p.add("billingTag", FieldProblems.INVALID, "Billing tag must be at most 64 characters");
        }
        return p;
    }

    /** Trims text and removes duplicate brands, keeping their order. */
    static ImageRequest normalize(ImageRequest r) {
        List<String> brands = null;
        if (r.brands() != null) {
            Set<String> unique = new LinkedHashSet<>();
            for (String b : r.brands()) {
                unique.add(b == null ? "" : b.trim());
            }
            brands = new ArrayList<>(unique);
        }
        return new ImageRequest(trim(r.name()), trim(r.version()), trim(r.os()), brands, r.sizeMiB());
    }

    static FieldProblems checkImage(ImageRequest r) {
        FieldProblems p = new FieldProblems();
        name(p, "name", r.name(), "image");
        if (blank(r.version())) {
            p.add("version", FieldProblems.MISSING, "A version is required");
        } else if (!VERSION.matcher(r.version()).matches()) {
            p.add("version", FieldProblems.INVALID, "Use 1 to 32 letters, digits, dots, dashes or underscores");
        }
        if (blank(r.os())) {
            p.add("os", FieldProblems.MISSING, "An OS is required");
        } else if (!OS.contains(r.os())) {
            p.add("os", FieldProblems.INVALID, "OS must be one of " + String.join(", ", OS));
        }
        if (r.brands() == null || r.brands().isEmpty()) {
            p.add("brands", FieldProblems.MISSING, "At least one compatible brand is required");
        } else {
            List<String> unknown =
                    r.brands().stream().filter(b -> !BRANDS.contains(b)).toList();
            if (!unknown.isEmpty()) {
                p.add(
                        "brands",
                        FieldProblems.INVALID,
                        "Unknown brand " + String.join(", ", unknown) + "; brands are " + String.join(", ", BRANDS));
            }
        }
        if (r.sizeMiB() == null) {
            p.add("sizeMiB", FieldProblems.MISSING, "A size is required");
        } else if (r.sizeMiB() <= 0) {
            p.add("sizeMiB", FieldProblems.INVALID, "Size must be more than 0 MiB");
        }
        return p;
    }

    private static void name(FieldProblems p, String field, String value, String what) {
        if (blank(value)) {
            p.add(field, FieldProblems.MISSING, "A " + what + " name is required");
        } else if (!NAME.matcher(value).matches()) {
            p.add(field, FieldProblems.INVALID, "Use 1 to 64 letters, digits, dots, dashes or underscores");
        }
    }

    /** True when the value is present and at least {@code min}. */
    private static boolean atLeast(FieldProblems p, String field, Long value, long min, String message) {
        if (value == null) {
            p.add(field, FieldProblems.MISSING, LABELS.getOrDefault(field, field) + " is required");
            return false;
        }
        if (value < min) {
            p.add(field, FieldProblems.INVALID, message);
            return false;
        }
        return true;
    }

    private static void between(FieldProblems p, String field, Integer value, int min, int max, String message) {
        if (value == null) {
            p.add(field, FieldProblems.MISSING, LABELS.getOrDefault(field, field) + " is required");
        } else if (value < min || value > max) {
            p.add(field, FieldProblems.INVALID, message);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
