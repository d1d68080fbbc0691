package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobParamsTest {
    @Test
    void every_kind_is_one_typed_json_document_that_reads_back_equal() {
        Map<String, Long> from = new LinkedHashMap<>();
        from.put("cpu_cap", null);
        from.put("max_lwps", 2000L);
        JobParams[] all = {
            JobParams.NONE,
            new JobParams.Resize(UUID.randomUUID(), UUID.randomUUID()),
            new JobParams.Rename("a", "b"),
            new JobParams.Tags(Map.of("role", "web", "quote", "say \"hi\"")),
            new JobParams.Metadata(Map.of("user-script", "#!/bin/sh\necho hi")),
            new JobParams.Nic("90:b8:d0:00:00:01"),
            new JobParams.Snapshot("before-upgrade"),
            new JobParams.Throttle(from, Map.of("cpu_cap", 50L, "max_lwps", 4000L), 2048L)
        };
        for (JobParams p : all) {
            String json = JobParams.write(p);
            assertThat(json).startsWith("{\"type\":").doesNotContain("\\\"{"); // no JSON inside a string
            assertThat(JobParams.read("any", json)).isEqualTo(p);
        }
        assertThat(JobParams.write(new JobParams.Tags(Map.of("a", "1"))))
                .isEqualTo("{\"type\":\"tags\",\"tags\":{\"a\":\"1\"}}");
    }

    @Test
    void rows_written_before_the_types_are_read_by_their_action() {
        assertThat(JobParams.read("rename", "{\"from\":\"a\",\"to\":\"b\"}")).isEqualTo(new JobParams.Rename("a", "b"));
        assertThat(JobParams.read("update-tags", "{\"tags\":\"{\\\"role\\\":\\\"db\\\"}\"}"))
                .isEqualTo(new JobParams.Tags(Map.of("role", "db")));
        Map<String, Long> from = new LinkedHashMap<>();
        from.put("cpu_cap", null);
        assertThat(
                        JobParams.read(
                                "throttle",
                                "{\"from\":\"{\\\"cpu_cap\\\":\\\"null\\\"}\",\"to\":\"{\\\"cpu_cap\\\":\\\"25\\\"}\",\"swap_from\":\"512\"}"))
                .isEqualTo(new JobParams.Throttle(from, Map.of("cpu_cap", 25L), 512L));
        assertThat(JobParams.read("start", "{}")).isEqualTo(JobParams.NONE);
        assertThat(JobParams.read("snapshot", "{\"name\":\"s1\"}")).isEqualTo(new JobParams.Snapshot("s1"));
    }
}
