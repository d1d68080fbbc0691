package io.zonedeck.compute.ui.wizard;

/** Human sizes for the wizard. */
final class Sizes {
    private Sizes() {}

    static String mib(long mib) {
        if (mib < 1024) {
            return mib + " MiB";
        }
        double gib = mib / 1024.0;
        return (gib == Math.rint(gib) ? String.valueOf((long) gib) : String.format("%.1f", gib)) + " GiB";
    }

    static String gib(long gib) {
        return gib >= 1024 && gib % 1024 == 0 ? (gib / 1024) + " TiB" : gib + " GiB";
    }
}
