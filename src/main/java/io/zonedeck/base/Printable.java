package io.zonedeck.base;

/** User input made safe to echo in a message: control characters become {@code ?}, long text is cut. */
public final class Printable {
    private Printable() {}

    /** At most 64 characters. */
    public static String of(String s) {
        return of(s, 64);
    }

    /** At most {@code max} characters, then an ellipsis; null is empty. */
    public static String of(String s, int max) {
        if (s == null) {
            return "";
        }
        String p = s.codePoints()
                .map(ch -> Character.isISOControl(ch) ? '?' : ch)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return p.length() > max ? p.substring(0, max) + "…" : p;
    }
}
