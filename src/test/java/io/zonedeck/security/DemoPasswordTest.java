package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Demo passwords open the demo only: outside the demo profile they are refused even when they match. */
class DemoPasswordTest {
    final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);

    private AuthenticationManager manager(boolean demo, String user, String password) {
        UserService users = mock(UserService.class);
        when(users.loadUserByUsername(user))
                .thenReturn(new ZoneDeckUser(
                        new Caller(UUID.randomUUID(), user, Roles.TENANT_ADMIN, UUID.randomUUID()),
                        encoder.encode(password),
                        true));
        return new ProviderManager(SecurityConfig.passwordCheck(users, encoder, demo, principal -> {}));
    }

    @Test
    void demo_password_works_in_the_demo_profile() {
        var auth = manager(true, "alice", "alice-demo")
                .authenticate(new UsernamePasswordAuthenticationToken("alice", "alice-demo"));
        assertThat(auth.isAuthenticated()).isTrue();
    }

    @Test
    void demo_password_is_refused_outside_the_demo_profile() {
        assertThatThrownBy(() -> manager(false, "alice", "alice-demo")
                        .authenticate(new UsernamePasswordAuthenticationToken("alice", "alice-demo")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void a_real_password_works_outside_the_demo_profile() {
        var auth = manager(false, "alice", "correct horse battery")
                .authenticate(new UsernamePasswordAuthenticationToken("alice", "correct horse battery"));
        assertThat(auth.isAuthenticated()).isTrue();
    }
}
