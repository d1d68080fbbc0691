package io.zonedeck.demo;

import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.metering.MeteredMachine;
import io.zonedeck.metering.MeteredMachines;
import io.zonedeck.metering.UsageHour;
import io.zonedeck.metering.UsageService;
import io.zonedeck.security.Roles;
import io.zonedeck.security.ZoneDeckUser;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo datacenter starts without history, so its usage page would be empty: when nothing has been metered
 * yet, this writes the last 14 days of hourly usage for the machines there are, sized by their packages, with a
 * daily wave (busy afternoons, quiet nights and weekends) and some noise. The current hour is left to the real
 * metering.
 */
@Component
@Profile("demo")
@Order(1)
class DemoUsageHistory implements ApplicationRunner {
    static final int DAYS = 14;
    private static final Logger log = LoggerFactory.getLogger(DemoUsageHistory.class);
    private final List<MeteredMachines> machines;
    private final CatalogService catalog;
    private final UsageService usage;
    private final DemoProperties props;
    private final Clock clock;

    DemoUsageHistory(
            List<MeteredMachines> machines,
            CatalogService catalog,
            UsageService usage,
            DemoProperties props,
            Clock clock) {
        this.machines = machines;
        this.catalog = catalog;
        this.usage = usage;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<MeteredMachine> all = machines.stream()
                .flatMap(m -> m.meteredMachines().stream())
                .sorted(Comparator.comparing(MeteredMachine::machineName))
                .toList();
        Map<String, MachinePackage> packages =
                catalog.packages().stream().collect(Collectors.toMap(MachinePackage::name, Function.identity()));
        List<UsageHour> hours = history(all, packages, clock.instant(), props.seed());
        var ctx = SecurityContextHolder.createEmptyContext();
        ZoneDeckUser system = ZoneDeckUser.of(new UUID(0, 0), "demo-seed", Roles.OPERATOR, null);
        ctx.setAuthentication(new UsernamePasswordAuthenticationToken(system, null, system.getAuthorities()));
        SecurityContextHolder.setContext(ctx);
        try {
            int stored = usage.importIfEmpty(hours);
            if (stored > 0) {
                log.info("demo usage history: {} hours of {} machines", stored, all.size());
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** {@value #DAYS} days of hours before the current one, for each machine. */
    static List<UsageHour> history(
            List<MeteredMachine> machines, Map<String, MachinePackage> packages, Instant now, long seed) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(DAYS));
        List<UsageHour> out = new ArrayList<>();
        for (MeteredMachine m : machines) {
            Random random = new Random(seed * 31 + m.machineName().hashCode());
            MachinePackage p = packages.get(m.packageName());
            double cap = p == null || p.cpuCap() <= 0 ? 100 : p.cpuCap(); // % of one CPU
            double ramGiB = p == null ? 1 : p.ramMiB() / 1024.0;
            double busy = 0.15 + 0.5 * random.nextDouble(); // how loaded this machine is on the whole
            double peakHour = 13 + 3 * random.nextDouble(); // UTC
            for (Instant h = start; h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
                var t = h.atOffset(ZoneOffset.UTC);
                double wave = 0.55 + 0.45 * Math.cos(2 * Math.PI * (t.getHour() - peakHour) / 24);
                boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
                double noise = 0.85 + 0.3 * random.nextDouble();
                double util = Math.max(0.02, Math.min(1, busy * wave * (weekend ? 0.6 : 1) * noise));
                double cpuSeconds = cap / 100 * util * 3600;
                long netBytes = (long) (util * cap / 100 * 4_000_000 * 3600 * (0.8 + 0.4 * random.nextDouble()));
                out.add(new UsageHour(
                        m.machineId(),
                        h,
                        m.tenantId(),
                        m.machineName(),
                        m.packageName(),
                        m.billingTag(),
                        round(cpuSeconds),
                        round(ramGiB),
                        round(m.diskGiB()),
                        netBytes,
                        3600,
                        h.plus(Duration.ofHours(1)).toEpochMilli() - 1000));
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
