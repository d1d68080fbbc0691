package io.zonedeck.agent.driver.smartos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads {@code imgadm list -j}: a JSON array of {"manifest": {...}, "zpool": ..., "source": ...}. */
public final class ImgadmParser {

    /**
     * An installed image: type is zone-dataset, lx-dataset or zvol; os smartos, linux, windows, ...; kernelVersion
     * the manifest's {@code tags.kernel_version} (lx images carry it for vmadm's required kernel_version), or null.
     */
    public record Image(UUID uuid, String name, String version, String type, String os, String kernelVersion) {}

    private ImgadmParser() {}

    public static List<Image> parse(String stdout) throws UnexpectedOutputException {
        String cmd = "imgadm list -j";
        JsonNode root = VmadmParser.readJson(cmd, stdout);
        if (!root.isArray()) {
            throw new UnexpectedOutputException(cmd, "expected a JSON array of images", VmadmParser.firstLine(stdout));
        }
        List<Image> out = new ArrayList<>();
        for (JsonNode entry : root) {
            JsonNode m = entry.path("manifest");
            if (!m.isObject() || !m.path("uuid").isTextual()) {
                throw new UnexpectedOutputException(cmd, "an image without manifest.uuid", entry.toString());
            }
            UUID uuid;
            try {
                uuid = UUID.fromString(m.get("uuid").asText());
            } catch (IllegalArgumentException e) {
                throw new UnexpectedOutputException(
                        cmd, "manifest.uuid is not a UUID", m.get("uuid").asText(), e);
            }
            out.add(new Image(
                    uuid,
                    m.path("name").asText(null),
                    m.path("version").asText(null),
                    m.path("type").asText(null),
                    m.path("os").asText(null),
                    m.path("tags").path("kernel_version").isTextual()
                            ? m.path("tags").path("kernel_version").asText()
                            : null));
        }
        return out;
    }
}
