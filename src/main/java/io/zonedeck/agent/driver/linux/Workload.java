package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.WorkloadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a machine of an image runs: a fixed {@code sh} script, started in the machine's data directory as a child
 * of the machine's init. Tenants choose an image, never a script.
 */
record Workload(UUID image, String name, String script) {

    /** The workloads of {@link WorkloadImages} this host can run (the http server only with python3 or busybox). */
    static Map<UUID, Workload> forHost() {
        Map<UUID, Workload> out = new LinkedHashMap<>();
        out.put(WorkloadImages.IDLE, new Workload(WorkloadImages.IDLE, "idle", "exec sleep infinity"));
        out.put(
                WorkloadImages.CPU_BURNER,
                new Workload(WorkloadImages.CPU_BURNER, "cpu-burner", "while :; do :; done"));
        out.put(
                WorkloadImages.DISK_WRITER,
                new Workload(
                        WorkloadImages.DISK_WRITER,
                        "disk-writer",
                        "while :; do dd if=/dev/zero of=disk-writer.bin bs=1M count=64 oflag=direct"
                                + " conv=notrunc 2>/dev/null || sleep 1; done"));
        String http = httpServer();
        if (http != null) {
            out.put(WorkloadImages.HTTP_SERVER, new Workload(WorkloadImages.HTTP_SERVER, "http-server", http));
        }
        return out;
    }

    private static String httpServer() {
        for (String python : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(python))) {
                return "echo zonedeck > index.html; exec " + python + " -m http.server 80 --bind 0.0.0.0";
            }
        }
        for (String busybox : List.of("/bin/busybox", "/usr/bin/busybox")) {
            if (Files.isExecutable(Path.of(busybox))) {
                return "echo zonedeck > index.html; exec " + busybox + " httpd -f -p 80 -h .";
            }
        }
        return null;
    }
}
