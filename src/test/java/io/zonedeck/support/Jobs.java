package io.zonedeck.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Waits for a REST job to finish. */
public final class Jobs {
    private Jobs() {}

    /** The job's final JSON once it has succeeded or failed (30 s at most). */
    public static JsonNode finished(Api api, String user, JsonNode job) {
        String id = job.path("id").asText();
        assertThat(id).as("a job in " + job).isNotBlank();
        return Eventually.until(
                Duration.ofSeconds(30),
                () -> Api.json(api.call(user, "GET", "/api/v1/jobs/" + id, null)),
                j -> j.path("state").asText().equals("succeeded")
                        || j.path("state").asText().equals("failed"),
                "job " + id + " to finish");
    }

    public static JsonNode succeeded(Api api, String user, JsonNode job) {
        JsonNode done = finished(api, user, job);
        assertThat(done.path("state").asText()).as("job " + done).isEqualTo("succeeded");
        return done;
    }
}
