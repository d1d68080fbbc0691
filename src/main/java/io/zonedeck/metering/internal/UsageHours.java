package io.zonedeck.metering.internal;

import io.zonedeck.metering.Granularity;
import io.zonedeck.metering.UsageHour;
import io.zonedeck.metering.UsageRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The usage_hour table, in plain SQL that H2 and PostgreSQL both run. Hours are stored as UTC timestamps
 * without time zone; a flush adds to the stored row ({@code set x = x + ?}) and inserts the rows not there yet.
 */
@Repository
public class UsageHours {
    private static final int BATCH = 500;

    private static final String ADD = "update usage_hour set tenant_id = ?, machine_name = ?, package_name = ?,"
            + " billing_tag = ?, cpu_seconds = cpu_seconds + ?, ram_gib_hours = ram_gib_hours + ?,"
            + " disk_gib_hours = disk_gib_hours + ?, net_bytes = net_bytes + ?, samples = samples + ?,"
            + " last_sample_at = greatest(last_sample_at, ?) where machine_id = ? and hour_start = ?";

    private static final String INSERT = "insert into usage_hour (machine_id, hour_start, tenant_id, machine_name,"
            + " package_name, billing_tag, cpu_seconds, ram_gib_hours, disk_gib_hours, net_bytes, samples,"
            + " last_sample_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String BY_HOUR = "select hour_start as period, tenant_id, machine_id, machine_name,"
            + " package_name, billing_tag, cpu_seconds, ram_gib_hours, disk_gib_hours, net_bytes, samples"
            + " from usage_hour where hour_start >= ? and hour_start < ? %s"
            + " order by 1, 2, 4, 3";

    private static final String BY_DAY = "select cast(hour_start as date) as period, tenant_id, machine_id,"
            + " max(machine_name) as machine_name, package_name, billing_tag, sum(cpu_seconds) as cpu_seconds,"
            + " sum(ram_gib_hours) as ram_gib_hours, sum(disk_gib_hours) as disk_gib_hours,"
            + " sum(net_bytes) as net_bytes, sum(samples) as samples"
            + " from usage_hour where hour_start >= ? and hour_start < ? %s"
            + " group by cast(hour_start as date), tenant_id, machine_id, package_name, billing_tag"
            + " order by 1, 2, 4, 3";

    private final JdbcTemplate jdbc;

    public UsageHours(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds each hour's usage to its stored row, creating the rows not there yet; all or nothing. */
    @Transactional
    public void add(List<UsageHour> hours) {
        if (hours.isEmpty()) {
            return;
        }
        int[][] counts = jdbc.batchUpdate(ADD, hours, BATCH, (ps, h) -> {
            ps.setObject(1, h.tenantId());
            ps.setString(2, h.machineName());
            ps.setString(3, h.packageName());
            ps.setString(4, h.billingTag());
            ps.setDouble(5, h.cpuSeconds());
            ps.setDouble(6, h.ramGibHours());
            ps.setDouble(7, h.diskGibHours());
            ps.setLong(8, h.netBytes());
            ps.setLong(9, h.samples());
            ps.setLong(10, h.lastSampleAt());
            ps.setObject(11, h.machineId());
            ps.setObject(12, utc(h.hourStart()));
        });
        List<UsageHour> missing = new ArrayList<>();
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                // Statement.SUCCESS_NO_INFO (-2): the driver ran it without a count; only 0 means no row
                if (count == 0) {
                    missing.add(hours.get(i));
                }
                i++;
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, missing, BATCH, (ps, h) -> {
            ps.setObject(1, h.machineId());
            ps.setObject(2, utc(h.hourStart()));
            ps.setObject(3, h.tenantId());
            ps.setString(4, h.machineName());
            ps.setString(5, h.packageName());
            ps.setString(6, h.billingTag());
            ps.setDouble(7, h.cpuSeconds());
            ps.setDouble(8, h.ramGibHours());
            ps.setDouble(9, h.diskGibHours());
            ps.setLong(10, h.netBytes());
            ps.setLong(11, h.samples());
            ps.setLong(12, h.lastSampleAt());
        });
    }

    /**
     * Rows of hours starting in [from, to), per machine per hour or per UTC day, oldest first; of one tenant when
     * {@code tenantId} is not null; at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<UsageRow> rows(Instant from, Instant to, Granularity granularity, UUID tenantId, int limit) {
        String sql = String.format(
                granularity == Granularity.DAY ? BY_DAY : BY_HOUR, tenantId == null ? "" : "and tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(utc(from), utc(to)));
        if (tenantId != null) {
            args.add(tenantId);
        }
        List<UsageRow> rows = new ArrayList<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement(sql);
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                    ps.setMaxRows(limit);
                    ps.setFetchSize(Math.min(limit, 1000));
                    return ps;
                },
                (RowCallbackHandler) rs -> rows.add(row(rs, granularity)));
        return rows;
    }

    /** Per machine, the newest sample counted into hours starting at or after {@code since}. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> lastSamples(Instant since) {
        Map<UUID, Long> out = new HashMap<>();
        jdbc.query(
                "select machine_id, max(last_sample_at) from usage_hour where hour_start >= ? group by machine_id",
                (RowCallbackHandler) rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                },
                utc(since));
        return out;
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return jdbc.queryForList("select machine_id from usage_hour fetch first 1 rows only")
                .isEmpty();
    }

    private static UsageRow row(ResultSet rs, Granularity granularity) throws SQLException {
        Instant period = granularity == Granularity.DAY
                ? rs.getObject("period", LocalDate.class)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                : rs.getObject("period", LocalDateTime.class).toInstant(ZoneOffset.UTC);
        return new UsageRow(
                period,
                rs.getObject("tenant_id", UUID.class),
                null,
                rs.getObject("machine_id", UUID.class),
                rs.getString("machine_name"),
                rs.getString("package_name"),
                rs.getString("billing_tag"),
                rs.getDouble("cpu_seconds"),
                rs.getDouble("ram_gib_hours"),
                rs.getDouble("disk_gib_hours"),
                rs.getLong("net_bytes"),
                rs.getLong("samples"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
