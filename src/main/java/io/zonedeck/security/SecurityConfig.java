package io.zonedeck.security;

import com.vaadin.flow.server.auth.AccessCheckDecision;
import com.vaadin.flow.server.auth.AccessCheckDecisionResolver;
import com.vaadin.flow.server.auth.AccessCheckResult;
import com.vaadin.flow.server.auth.DefaultAccessCheckDecisionResolver;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.zonedeck.security.signin.SignInThrottle;
import io.zonedeck.security.signin.SignInThrottled;
import io.zonedeck.security.signin.ThrottledSignIn;
import io.zonedeck.security.ui.LoginView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Three filter chains: {@code /actuator/**} (open probes, metrics for operators), {@code /api/**} (stateless, bearer
 * tokens and HTTP Basic, JSON errors) and everything else, the Vaadin UI with a CSRF-protected login view,
 * deny-by-default view access and method security. Every password check is throttled ({@link ThrottledSignIn}).
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
     * a production install cannot be entered with the published credentials. Every check passes the sign-in
     * throttle first ({@link ThrottledSignIn}).
     */
    @Bean
    AuthenticationManager authenticationManager(
            UserService users,
            PasswordEncoder encoder,
            AuthenticationEventPublisher authEvents,
            SignInThrottle throttle,
            SecondFactor secondFactor,
            ApplicationEventPublisher events,
            @Value("${zonedeck.demo.enabled:false}") boolean demo) {
        ProviderManager manager = new ProviderManager(
                new ThrottledSignIn(passwordCheck(users, encoder, demo, secondFactor::check), throttle, events));
        manager.setAuthenticationEventPublisher(authEvents); // failed sign-ins reach the audit log
        return manager;
    }

    /** The password check: the user's BCrypt hash, no demo password outside the demo, then the second factor. */
    static DaoAuthenticationProvider passwordCheck(
            UserService users,
            PasswordEncoder encoder,
            boolean demo,
            java.util.function.Consumer<ZoneDeckUser> secondFactor) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
            @Override
            protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken auth) {
                super.additionalAuthenticationChecks(user, auth);
                if (!demo && (user.getUsername() + DEMO_SUFFIX).equals(String.valueOf(auth.getCredentials()))) {
                    throw new BadCredentialsException("demo passwords are refused outside the demo profile");
                }
                secondFactor.accept((ZoneDeckUser) user);
            }
        };
        provider.setPasswordEncoder(encoder);
        return provider;
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
        ApiEntryPoints answers = new ApiEntryPoints(true);
        return http.securityMatcher("/actuator/**")
                .authenticationManager(authManager)
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(Roles.OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(answers::unauthorized))
                .exceptionHandling(e -> e.accessDeniedHandler(ApiEntryPoints::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(SecurityHeaders::apply)
                .build();
    }

    /**
     * REST: personal access tokens ({@code Authorization: Bearer}) and, unless switched off with {@code
     * zonedeck.security.api-basic-auth=false}, HTTP Basic with a password (throttled). A read-only token may only
     * read (GET, HEAD).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            AuthenticationManager authManager,
            ApiTokenService tokens,
            SignInThrottle throttle,
            @Value("${zonedeck.security.api-basic-auth:true}") boolean basic)
            throws Exception {
        ApiEntryPoints answers = new ApiEntryPoints(basic);
        http.securityMatcher("/api/**", "/v3/api-docs/**")
                .authenticationManager(authManager)
                .authorizeHttpRequests(a -> a.requestMatchers("/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .access(SecurityConfig::tokenScopeAllows))
                .addFilterBefore(
                        new BearerTokenFilter(
                                tokens, throttle, SecurityContextHolder.getContextHolderStrategy(), answers),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(answers::unauthorized)
                        .accessDeniedHandler(ApiEntryPoints::forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(SecurityHeaders::apply);
        if (basic) {
            http.httpBasic(b -> b.authenticationEntryPoint(answers::unauthorized));
        }
        return http.build();
    }

    /** Signed in, and not a read-only token asking to change something. */
    private static AuthorizationDecision tokenScopeAllows(
            java.util.function.Supplier<Authentication> auth, RequestAuthorizationContext context) {
        Authentication a = auth.get();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        String method = context.getRequest().getMethod();
        boolean reads = "GET".equals(method) || "HEAD".equals(method);
        boolean readOnly = a instanceof ApiTokenAuthentication t && t.scope() == ApiTokenScope.READ_ONLY;
        return new AuthorizationDecision(reads || !readOnly);
    }

    /**
     * The UI: Vaadin's configuration, with the login form under CSRF protection too (Vaadin leaves the login POST
     * out; {@link io.zonedeck.security.ui.LoginView} puts the token into the form), a throttled sign-in sent back
     * to the login view with the seconds to wait, and the security headers.
     */
    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http, AuthenticationManager authManager, RequestUtil requestUtil)
            throws Exception {
        http.authenticationManager(authManager);
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/images/**", "/icons/**").permitAll());
        http.csrf(c -> c.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest));
        http.headers(SecurityHeaders::apply);
        DefaultSecurityFilterChain chain = http.with(
                        VaadinSecurityConfigurer.vaadin(),
                        c -> c.loginView(LoginView.class).enableCsrfConfiguration(false))
                .build();
        // Vaadin configures the form login; its failure handler is replaced here, once the filter exists
        chain.getFilters().stream()
                .filter(UsernamePasswordAuthenticationFilter.class::isInstance)
                .forEach(f ->
                        ((UsernamePasswordAuthenticationFilter) f).setAuthenticationFailureHandler(new LoginFailure()));
        return chain;
    }

    /** A wrong sign-in goes back to the login view: {@code ?error}, or {@code ?throttled=<seconds>}. */
    static final class LoginFailure implements AuthenticationFailureHandler {
        private final AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");

        @Override
        public void onAuthenticationFailure(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws java.io.IOException, jakarta.servlet.ServletException {
            if (exception instanceof SignInThrottled t) {
                response.sendRedirect(request.getContextPath() + "/login?throttled=" + t.retryAfterSeconds());
                return;
            }
            if (exception instanceof TwoFactorRequired t && t.codeMissing()) {
                response.sendRedirect(request.getContextPath() + "/login?code");
                return;
            }
            wrong.onAuthenticationFailure(request, response, exception);
        }
    }
}
