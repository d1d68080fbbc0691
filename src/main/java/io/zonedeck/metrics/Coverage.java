package io.zonedeck.metrics;

import java.util.function.Predicate;

/**
 * Which metrics a machine's node measures: a metric it does not measure arrives as 0 and is shown as unavailable,
 * never as a zero line.
 *
 * @param where how the caller may name the node: "node cn-9 (linux driver)" for operators, "this machine's node
 *     (linux driver)" for tenants (they never see nodes)
 */
public record Coverage(String where, Predicate<String> measured) {
    /** A node that measures everything (sim, smartos; a node not heard from yet). */
    public static final Coverage EVERYTHING = new Coverage("its node", k -> true);

    /** Whether the node measures the metric or distribution, by key. */
    public boolean measures(String key) {
        return measured.test(key);
    }

    public boolean measures(Metric m) {
        return measures(m.key());
    }

    public boolean measures(Distribution d) {
        return measures(d.key());
    }

    /** "Not measured on node cn-9 (linux driver)". */
    public String notMeasured() {
        return "Not measured on " + where;
    }

    static Coverage of(NodeRef node, boolean operator) {
        if (node == null || node.capabilities() == null) {
            return EVERYTHING;
        }
        String driver = node.driver() == null ? "" : " (" + node.driver() + " driver)";
        return new Coverage((operator ? "node " + node.name() : "this machine's node") + driver, node::measures);
    }
}
