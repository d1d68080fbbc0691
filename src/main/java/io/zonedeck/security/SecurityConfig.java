package io.zonedeck.security;

import com.vaadin.flow.server.auth.AccessCheckDecision;
import com.vaadin.flow.server.auth.AccessCheckDecisionResolver;
import com.vaadin.flow.server.auth.AccessCheckResult;
import com.vaadin.flow.server.auth.DefaultAccessCheckDecisionResolver;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.zonedeck.security.ui.LoginView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains: {@code /api/**} is stateless HTTP Basic with JSON errors; everything else is the
 * Vaadin UI with a login view, deny-by-default view access and method security.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {
    static final String DEMO_SUFFIX = "-demo";

    @Bean
    PasswordEncoder passwordEncoder(@Value("${zonedeck.security.bcrypt-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    /**
     * Outside the demo profile, a demo password (user name + "-demo") is refused even when it matches:
     * a production install cannot be entered with the published credentials.
     */
    @Bean
    AuthenticationManager authenticationManager(
            UserService users,
            PasswordEncoder encoder,
            AuthenticationEventPublisher authEvents,
            @Value("${zonedeck.demo.enabled:false}") boolean demo) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
            @Override
            protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken auth) {
                super.additionalAuthenticationChecks(user, auth);
                if (!demo && (user.getUsername() + DEMO_SUFFIX).equals(String.valueOf(auth.getCredentials()))) {
                    throw new BadCredentialsException("demo passwords are refused outside the demo profile");
                }
            }
        };
        provider.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(authEvents); // failed sign-ins reach the audit log
        return manager;
    }

    /**
     * Denials of method security (a REST 403, a service call a role may not make) are published as
     * AuthorizationDeniedEvents, which the audit log records.
     */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    /**
     * Vaadin's view access control as configured by default (access annotations), but a view denied to a
     * signed-in user is also published as an AuthorizationDeniedEvent for the audit log. Users who are not
     * signed in are sent to the login view and are not reported.
     */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer(ApplicationEventPublisher events) {
        AccessCheckDecisionResolver annotations = new DefaultAccessCheckDecisionResolver();
        return new NavigationAccessControlConfigurer()
                .withAnnotatedViewAccessChecker()
                .withDecisionResolver((results, context) -> {
                    AccessCheckResult result = annotations.resolve(results, context);
                    if (result.decision() != AccessCheckDecision.ALLOW
                            && context.getPrincipal() != null
                            && !context.isErrorHandling()) {
                        events.publishEvent(new AuthorizationDeniedEvent<>(
                                () -> SecurityContextHolder.getContext().getAuthentication(),
                                context,
                                new AuthorizationDecision(false)));
                    }
                    return result;
                });
    }

    /** Probes for load balancers are open (they say UP or DOWN, nothing else); metrics are for operators. */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorChain(HttpSecurity http, AuthenticationManager authManager) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authenticationManager(authManager)
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(Roles.OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(SecurityConfig::unauthorized))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfig::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authManager) throws Exception {
        return http.securityMatcher("/api/**", "/v3/api-docs/**")
                .authenticationManager(authManager)
                .authorizeHttpRequests(a -> a.requestMatchers("/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(SecurityConfig::unauthorized))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfig::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http, AuthenticationManager authManager) throws Exception {
        http.authenticationManager(authManager);
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/images/**", "/icons/**").permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), c -> c.loginView(LoginView.class))
                .build();
    }

    /** 401 with a JSON body written here: sendError would dispatch to /error, which the UI chain redirects. */
    private static void unauthorized(HttpServletRequest req, HttpServletResponse res, Exception ex)
            throws java.io.IOException {
        res.setStatus(HttpStatus.UNAUTHORIZED.value());
        res.setHeader("WWW-Authenticate", "Basic realm=\"zonedeck\"");
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.getWriter().write("{\"code\":\"Unauthorized\",\"message\":\"authentication required\",\"errors\":[]}");
    }

    private static void forbidden(HttpServletRequest req, HttpServletResponse res, Exception ex)
            throws java.io.IOException {
        res.setStatus(HttpStatus.FORBIDDEN.value());
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.getWriter().write("{\"code\":\"Forbidden\",\"message\":\"not allowed\",\"errors\":[]}");
    }
}
