package io.zonedeck.base;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A portal that cannot reach its database, may not sign in to it, or finds it migrated by a newer portal stops at
 * once with one line saying so (and a non-zero exit), instead of pages of stack trace.
 */
public class DatabaseUnreachable implements FailureAnalyzer {
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.flywaydb.core.api.exception.FlywayValidateException")) {
                return new FailureAnalysis(
                        "The database schema does not match this portal: " + oneLine(t.getMessage()),
                        "Run the portal version that migrated this database (or a newer one), or point"
                                + " ZONEDECK_DB_URL at the right database.",
                        failure);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
                    return new FailureAnalysis(
                            "Cannot use the database: " + firstLine(sql.getMessage()) + " (SQL state " + state + ")",
                            "Start the database, or set ZONEDECK_DB_URL, ZONEDECK_DB_USER and ZONEDECK_DB_PASSWORD"
                                    + " to one this portal can reach.",
                            failure);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Flyway puts the reason on the lines after "Validate failed": all of them, on one line. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = String.join(
                " ",
                s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
