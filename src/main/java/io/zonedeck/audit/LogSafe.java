package io.zonedeck.audit;

/**
 * Text from users (names, messages, attempted user names) made safe for a log line: CR, LF and TAB become
 * {@code \r}, {@code \n}, {@code \t}, every other control character (and the Unicode line and paragraph
 * separators) {@code \}{@code uXXXX}, and a backslash {@code \\}, so a value can never start a new line that
 * looks like another record, and the escaped form reads back unambiguously.
 */
public final class LogSafe {
    private LogSafe() {}

    /** The escaped text, cut to {@code max} characters (an escape is never cut in half); "" for null. */
    public static String text(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String piece;
            if (c == '\\') {
                piece = "\\\\";
            } else if (c == '\n') {
                piece = "\\n";
            } else if (c == '\r') {
                piece = "\\r";
            } else if (c == '\t') {
                piece = "\\t";
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                piece = String.format("\\u%04X", (int) c);
            } else {
                piece = String.valueOf(c);
            }
            if (b.length() + piece.length() > max) {
                break;
            }
            b.append(piece);
        }
        return b.toString();
    }

    /** An escaped value as a {@code key="value"} log field: its quotes escaped too. */
    static String quoted(String escaped) {
        return '"' + (escaped == null ? "" : escaped.replace("\"", "\\\"")) + '"';
    }
}
