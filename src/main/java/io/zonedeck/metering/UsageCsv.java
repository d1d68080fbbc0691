package io.zonedeck.metering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.zonedeck.base.CsvCells;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Usage rows as CSV (RFC 4180, a header line, UTF-8). Text cells that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) get a leading apostrophe.
 */
public final class UsageCsv {
    public static final String CONTENT_TYPE = "text/csv;charset=UTF-8";
    public static final List<String> HEADER = List.of(
            "period_start",
            "granularity",
            "tenant_id",
            "tenant",
            "machine_id",
            "machine",
            "package",
            "billing_tag",
            "cpu_seconds",
            "ram_gib_hours",
            "disk_gib_hours",
            "net_bytes",
            "samples");

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA;

    static {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        HEADER.forEach(b::addColumn);
        SCHEMA = b.build();
    }

    private UsageCsv() {}

    public static String write(UsageReport report) {
        String granularity = report.granularity().label();
        List<String[]> lines = report.rows().stream()
                .map(r -> new String[] {
                    r.periodStart().toString(),
                    granularity,
                    String.valueOf(r.tenantId()),
                    CsvCells.text(r.tenantName()),
                    String.valueOf(r.machineId()),
                    CsvCells.text(r.machineName()),
                    CsvCells.text(r.packageName()),
                    CsvCells.text(r.billingTag()),
                    number(r.cpuSeconds()),
                    number(r.ramGibHours()),
                    number(r.diskGibHours()),
                    String.valueOf(r.netBytes()),
                    String.valueOf(r.samples())
                })
                .toList();
        try {
            return CSV.writer(SCHEMA).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage rows are not writable as CSV", e);
        }
    }

    /** Six decimals, never in exponent notation. */
    static String number(double value) {
        return BigDecimal.valueOf(value)
                .setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A file name for a range, e.g. {@code usage-2025-01-01-2025-01-07.csv}. */
    public static String fileName(String from, String to) {
        return "usage-" + from + "-" + to + ".csv";
    }
}
