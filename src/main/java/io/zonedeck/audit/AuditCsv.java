package io.zonedeck.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.zonedeck.base.CsvCells;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Audit records as CSV (RFC 4180, UTF-8, a header line). A cell that a spreadsheet would take for a formula
 * (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe.
 */
final class AuditCsv implements Closeable {
    static final String[] COLUMNS = {
        "id",
        "at",
        "user",
        "user_id",
        "tenant_id",
        "tenant",
        "action",
        "target",
        "result",
        "message",
        "request_id",
        "source",
        "remote_address"
    };
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA;

    static {
        CsvSchema.Builder b = CsvSchema.builder();
        for (String c : COLUMNS) {
            b.addColumn(c);
        }
        SCHEMA = b.build().withHeader();
    }

    private final SequenceWriter writer;

    private AuditCsv(SequenceWriter writer) {
        this.writer = writer;
    }

    /** Writes to {@code out} and leaves it open when closed. */
    static AuditCsv open(OutputStream out) throws IOException {
        return new AuditCsv(MAPPER.writer(SCHEMA)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out));
    }

    void write(AuditEvent e) throws IOException {
        writer.write(new String[] {
            String.valueOf(e.id()),
            e.at() == null ? "" : e.at().toString(),
            CsvCells.text(e.username()),
            e.userId() == null ? "" : e.userId().toString(),
            e.tenantId() == null ? "" : e.tenantId().toString(),
            CsvCells.text(e.tenant()),
            CsvCells.text(e.action()),
            CsvCells.text(e.target()),
            CsvCells.text(e.result()),
            CsvCells.text(e.message()),
            CsvCells.text(e.requestId()),
            CsvCells.text(e.source()),
            CsvCells.text(e.remoteAddress())
        });
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
