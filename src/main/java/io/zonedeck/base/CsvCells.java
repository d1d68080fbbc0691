package io.zonedeck.base;

/** CSV exports' text cells, defused for spreadsheets (CSV formula injection, OWASP). */
public final class CsvCells {
    private CsvCells() {}

    /**
     * The value as a text cell a spreadsheet shows and never runs: a value starting with {@code = + - @}, TAB or
     * CR gets a leading apostrophe; null is empty.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
