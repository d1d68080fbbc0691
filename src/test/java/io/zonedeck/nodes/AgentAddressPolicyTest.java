package io.zonedeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals only: no name is resolved and nothing is connected to. */
class AgentAddressPolicyTest {
    static final AgentAddressPolicy STRICT = new AgentAddressPolicy(false, false, Set.of(8080));
    static final AgentAddressPolicy DEMO = new AgentAddressPolicy(true, false, Set.of(8080));
    static final AgentAddressPolicy LENIENT = new AgentAddressPolicy(true, true, Set.of(8080));

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // a literal: no lookup
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "::ffff:127.0.0.1",
                "::127.0.0.1",
                "64:ff9b::7f00:1",
                "2002:7f00:1::"
            })
    void loopback_in_every_spelling_is_refused_unless_allowed(String literal) throws Exception {
        assertThat(STRICT.refusal(ip(literal), 9101)).as(literal).contains("a loopback address");
        assertThat(DEMO.refusal(ip(literal), 9101)).as(literal).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.1.1", "169.254.255.254", "fe80::1", "febf::1", "::ffff:169.254.3.4"})
    void link_local_is_refused_unless_allowed(String literal) throws Exception {
        assertThat(STRICT.refusal(ip(literal), 9101)).as(literal).contains("a link-local address");
        assertThat(DEMO.refusal(ip(literal), 9101)).as(literal).contains("a link-local address");
        assertThat(LENIENT.refusal(ip(literal), 9101)).as(literal).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "fd00:ec2::254",
                "169.254.170.2",
                "100.100.100.200"
            })
    void cloud_metadata_addresses_are_always_refused(String literal) throws Exception {
        assertThat(LENIENT.refusal(ip(literal), 80)).as(literal).contains("a cloud metadata address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "255.255.255.255", "ff02::1", "240.0.0.1"})
    void unspecified_multicast_and_broadcast_addresses_are_always_refused(String literal) throws Exception {
        assertThat(LENIENT.refusal(ip(literal), 9101)).as(literal).isPresent();
    }

    @Test
    void the_portals_own_port_on_this_host_is_refused_even_where_loopback_is_allowed() throws Exception {
        assertThat(LENIENT.refusal(ip("127.0.0.1"), 8080)).contains("the portal's own port");
        assertThat(LENIENT.refusal(ip("::1"), 8080)).contains("the portal's own port");
        assertThat(LENIENT.refusal(ip("127.0.0.1"), 8081)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.7", "192.168.1.20", "172.16.5.5", "203.0.113.9", "2001:db8::7", "fd12:3456::1"})
    void node_network_addresses_are_allowed(String literal) throws Exception {
        assertThat(STRICT.refusal(ip(literal), 9101)).as(literal).isEmpty();
    }

    @Test
    void a_remote_address_on_the_portals_port_number_is_another_host_and_allowed() throws Exception {
        assertThat(STRICT.refusal(ip("203.0.113.9"), 8080)).isEmpty();
    }
}
