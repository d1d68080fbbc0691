package io.zonedeck.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRulesTest {
    static final NetworkRequest VALID = new NetworkRequest(
            "lan-1",
            "internal",
            100,
            "10.1.0.0/24",
            "10.1.0.1",
            "10.1.0.10",
            "10.1.0.250",
            List.of("10.1.0.2"),
            1500,
            null);

    static List<FieldProblem> problems(NetworkRequest r) {
        return NetworkRules.check(NetworkRules.withDefaults(r)).list();
    }

    static void onlyProblem(NetworkRequest r, String field, String code) {
        assertThat(problems(r))
                .as("problems of %s", r)
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple(field, code));
    }

    static NetworkRequest name(String v) {
        return new NetworkRequest(
                v, "internal", 100, "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.250", null, null, null);
    }

    static NetworkRequest nicTag(String v) {
        return new NetworkRequest("n", v, 100, "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.250", null, null, null);
    }

    static NetworkRequest vlan(Integer v) {
        return new NetworkRequest(
                "n", "internal", v, "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.250", null, null, null);
    }

    static NetworkRequest mtu(Integer v) {
        return new NetworkRequest(
                "n", "internal", 0, "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.250", null, v, null);
    }

    static NetworkRequest resolvers(List<String> v) {
        return new NetworkRequest(
                "n", "internal", 0, "10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.250", v, null, null);
    }

    static NetworkRequest addresses(String subnet, String gateway, String start, String end) {
        return new NetworkRequest("n", "internal", 0, subnet, gateway, start, end, null, null, null);
    }

    @Test
    void a_valid_network_has_no_problem() {
        assertThat(problems(VALID)).isEmpty();
    }

    @Test
    void name_is_required_and_restricted() {
        onlyProblem(name(null), "name", "MissingParameter");
        onlyProblem(name("a b"), "name", "Invalid");
        onlyProblem(name("n".repeat(65)), "name", "Invalid");
        assertThat(problems(name("n".repeat(64)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"External", "1abc", "a-b", "a.b", "abcdefghijklmnopqrstuvwxyz0123456"})
    void nic_tag_outside_the_pattern_is_invalid(String tag) {
        onlyProblem(nicTag(tag), "nicTag", "Invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "external", "admin_2", "abcdefghijklmnopqrstuvwxyz012345"})
    void nic_tag_in_the_pattern_is_valid(String tag) {
        assertThat(problems(nicTag(tag))).isEmpty();
    }

    @Test
    void nic_tag_is_required() {
        onlyProblem(nicTag(""), "nicTag", "MissingParameter");
    }

    @Test
    void vlan_is_0_to_4094_as_the_node_agent_accepts_and_defaults_to_0() {
        assertThat(problems(vlan(0))).isEmpty();
        assertThat(problems(vlan(4094))).isEmpty();
        onlyProblem(vlan(-1), "vlanId", "Invalid");
        onlyProblem(vlan(4095), "vlanId", "Invalid");
        assertThat(NetworkRules.withDefaults(vlan(null)).vlanId()).isZero();
    }

    @Test
    void mtu_is_576_to_9000_and_defaults_to_1500() {
        assertThat(problems(mtu(576))).isEmpty();
        assertThat(problems(mtu(9000))).isEmpty();
        onlyProblem(mtu(575), "mtu", "Invalid");
        onlyProblem(mtu(9001), "mtu", "Invalid");
        assertThat(NetworkRules.withDefaults(mtu(null)).mtu()).isEqualTo(1500);
    }

    @Test
    void resolvers_are_up_to_4_ipv4_addresses() {
        assertThat(problems(resolvers(List.of("8.8.8.8", "1.1.1.1", "9.9.9.9", "10.0.0.1"))))
                .isEmpty();
        onlyProblem(
                resolvers(List.of("8.8.8.8", "1.1.1.1", "9.9.9.9", "10.0.0.1", "10.0.0.2")), "resolvers", "Invalid");
        onlyProblem(resolvers(List.of("8.8.8.8", "dns.example.com")), "resolvers", "Invalid");
        onlyProblem(resolvers(List.of("300.1.1.1")), "resolvers", "Invalid");
    }

    @Test
    void resolvers_are_parsed_from_a_comma_list() {
        assertThat(NetworkRules.parseResolvers(" 8.8.8.8, 1.1.1.1 ,")).containsExactly("8.8.8.8", "1.1.1.1");
        assertThat(NetworkRules.parseResolvers("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.0.0", "10.1.0.0/", "10.1.0/24", "10.1.0.0/x", "fd00::/64", "10.1.0.0/024"})
    void subnet_must_be_an_ipv4_cidr(String subnet) {
        assertThat(problems(addresses(subnet, "10.1.0.1", "10.1.0.10", "10.1.0.250")))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple("subnet", "Invalid"));
    }

    @Test
    void subnet_prefix_is_8_to_30() {
        assertThat(problems(addresses("10.0.0.0/8", "10.0.0.1", "10.0.0.10", "10.0.0.20")))
                .isEmpty();
        assertThat(problems(addresses("10.1.0.0/30", "10.1.0.1", "10.1.0.2", "10.1.0.2")))
                .isEmpty();
        onlyProblem(addresses("10.0.0.0/7", "10.0.0.1", "10.0.0.10", "10.0.0.20"), "subnet", "Invalid");
        onlyProblem(addresses("10.1.0.0/31", "10.1.0.1", "10.1.0.0", "10.1.0.0"), "subnet", "Invalid");
    }

    @Test
    void subnet_must_be_a_network_address() {
        assertThat(problems(addresses("10.1.0.5/24", "10.1.0.1", "10.1.0.10", "10.1.0.250")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("subnet");
                    assertThat(p.message()).contains("10.1.0.0/24");
                });
    }

    @Test
    void subnet_is_required() {
        onlyProblem(addresses(null, "10.1.0.1", "10.1.0.10", "10.1.0.250"), "subnet", "MissingParameter");
    }

    @Test
    void gateway_is_a_host_address_inside_the_subnet() {
        onlyProblem(addresses("10.1.0.0/24", "10.2.0.1", "10.1.0.10", "10.1.0.250"), "gateway", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.0", "10.1.0.10", "10.1.0.250"), "gateway", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.255", "10.1.0.10", "10.1.0.250"), "gateway", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.x", "10.1.0.10", "10.1.0.250"), "gateway", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", null, "10.1.0.10", "10.1.0.250"), "gateway", "MissingParameter");
        assertThat(problems(addresses("10.1.0.0/24", "10.1.0.254", "10.1.0.10", "10.1.0.250")))
                .isEmpty();
    }

    @Test
    void range_is_inside_the_subnet() {
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.1", "10.1.1.10", "10.1.0.250"), "rangeStart", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.1.250"), "rangeEnd", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.1", "10.1.0.10", "10.1.0.255"), "rangeEnd", "Invalid");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.1", "", "10.1.0.250"), "rangeStart", "MissingParameter");
        onlyProblem(addresses("10.1.0.0/24", "10.1.0.1", "10.1.0.10", null), "rangeEnd", "MissingParameter");
    }

    @Test
    void range_start_is_not_after_its_end() {
        onlyProblem(
                addresses("10.1.0.0/24", "10.1.0.1", "10.1.0.200", "10.1.0.100"), "rangeEnd", "ConflictingParameters");
        assertThat(problems(addresses("10.1.0.0/24", "10.1.0.1", "10.1.0.100", "10.1.0.100")))
                .isEmpty();
    }

    @Test
    void gateway_is_not_in_the_range() {
        onlyProblem(
                addresses("10.1.0.0/24", "10.1.0.50", "10.1.0.10", "10.1.0.250"), "gateway", "ConflictingParameters");
        onlyProblem(
                addresses("10.1.0.0/24", "10.1.0.10", "10.1.0.10", "10.1.0.250"), "gateway", "ConflictingParameters");
        assertThat(problems(addresses("10.1.0.0/24", "10.1.0.251", "10.1.0.10", "10.1.0.250")))
                .isEmpty();
    }
}
