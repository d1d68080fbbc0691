package io.zonedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe() {
        assertThat(io.zonedeck.base.CsvCells.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(io.zonedeck.base.CsvCells.text("+1")).isEqualTo("'+1");
        assertThat(io.zonedeck.base.CsvCells.text("-1")).isEqualTo("'-1");
        assertThat(io.zonedeck.base.CsvCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(io.zonedeck.base.CsvCells.text("\tx")).isEqualTo("'\tx");
        assertThat(io.zonedeck.base.CsvCells.text("\rx")).isEqualTo("'\rx");
        assertThat(io.zonedeck.base.CsvCells.text("web-1")).isEqualTo("web-1");
        assertThat(io.zonedeck.base.CsvCells.text(null)).isEmpty();
    }

    @Test
    void records_parse_back_with_a_header_and_quoted_commas() throws Exception {
        UUID tenant = UUID.randomUUID();
        AuditEvent e = new AuditEvent(
                7,
                Instant.parse("2026-11-25T10:00:00Z"),
                "alice",
                null,
                tenant,
                "acme",
                "machine.rename",
                "=cmd|' /C calc'!A0",
                "Invalid",
                "Invalid request: a, \"b\"",
                "req-1",
                "api",
                "127.0.0.1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AuditCsv csv = AuditCsv.open(out)) {
            csv.write(e);
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(out.toString(StandardCharsets.UTF_8))) {
            List<List<String>> rows = it.readAll();
            assertThat(rows.get(0)).containsExactly(AuditCsv.COLUMNS);
            assertThat(rows.get(1))
                    .containsExactly(
                            "7",
                            "2026-11-25T10:00:00Z",
                            "alice",
                            "",
                            tenant.toString(),
                            "acme",
                            "machine.rename",
                            "'=cmd|' /C calc'!A0",
                            "Invalid",
                            "Invalid request: a, \"b\"",
                            "req-1",
                            "api",
                            "127.0.0.1");
        }
    }
}
