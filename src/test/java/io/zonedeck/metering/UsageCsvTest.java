package io.zonedeck.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsageCsvTest {
    static final UUID TENANT = UUID.randomUUID();

    static UsageRow row(String tenant, String machine, String billingTag, double cpuSeconds) {
        return new UsageRow(
                Instant.parse("2025-03-10T00:00:00Z"),
                TENANT,
                tenant,
                UUID.randomUUID(),
                machine,
                "g1-small",
                billingTag,
                cpuSeconds,
                12.5,
                300,
                123_456_789_012L,
                86_400);
    }

    static List<Map<String, String>> parse(String csv) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void writes_a_header_and_one_line_per_row_that_a_csv_parser_reads_back() throws Exception {
        String csv = UsageCsv.write(new UsageReport(
                Instant.parse("2025-03-10T00:00:00Z"),
                Instant.parse("2025-03-11T00:00:00Z"),
                Granularity.DAY,
                List.of(row("acme", "web-01", "std, \"small\"", 12_345_678.9), row("acme", "db-01", "", 0.5)),
                List.of()));
        assertThat(csv.lines().findFirst()).hasValue(String.join(",", UsageCsv.HEADER));
        List<Map<String, String>> rows = parse(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsEntry("granularity", "day")
                .containsEntry("period_start", "2025-03-10T00:00:00Z")
                .containsEntry("billing_tag", "std, \"small\"")
                .containsEntry("cpu_seconds", "12345678.9") // never 1.23456789E7
                .containsEntry("net_bytes", "123456789012")
                .containsEntry("samples", "86400");
    }

    @Test
    void text_cells_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe() throws Exception {
        String csv = UsageCsv.write(new UsageReport(
                Instant.EPOCH,
                Instant.EPOCH,
                Granularity.HOUR,
                List.of(row("=HYPERLINK(\"http://evil\")", "+cmd", "-2+3", 1), row("@SUM(A1)", "web-01", "\tx", 1)),
                List.of()));
        List<Map<String, String>> rows = parse(csv);
        assertThat(rows.get(0))
                .containsEntry("tenant", "'=HYPERLINK(\"http://evil\")")
                .containsEntry("machine", "'+cmd")
                .containsEntry("billing_tag", "'-2+3");
        assertThat(rows.get(1))
                .containsEntry("tenant", "'@SUM(A1)")
                .containsEntry("machine", "web-01")
                .containsEntry("billing_tag", "'\tx");
    }
}
