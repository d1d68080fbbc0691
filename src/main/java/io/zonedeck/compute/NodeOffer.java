package io.zonedeck.compute;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.catalog.Image;
import java.util.List;

/**
 * What the online nodes can run together, for forms that offer brands and images (the create wizard): a brand or
 * image no online node runs is shown disabled with the reason. Placement decides per node; this is the union.
 *
 * @param online the capabilities of every online node (a node not heard from yet: everything)
 */
public record NodeOffer(List<NodeCapabilities> online) {
    /** No restriction (no node online: creating fails anyway, with its own reason). */
    public static final NodeOffer EVERYTHING = new NodeOffer(List.of());

    public NodeOffer {
        online = List.copyOf(online);
    }

    public boolean runsBrand(String brand) {
        return online.isEmpty() || online.stream().anyMatch(c -> c.runsBrand(brand));
    }

    /** Whether some online node runs the image under the brand. */
    public boolean runs(Image image, String brand) {
        String id = image.id().toString();
        return online.isEmpty() || online.stream().anyMatch(c -> c.runsBrand(brand) && c.runsImage(id));
    }

    /** "no online node runs brand kvm". */
    public static String noBrand(String brand) {
        return "no online node runs brand " + brand;
    }

    /** "no online node runs this image as lx". */
    public static String noImage(String brand) {
        return "no online node runs this image as " + brand;
    }
}
