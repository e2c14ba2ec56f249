package news.security;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Controller;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The HTTP side of access control: the GraphQL layer decides per field with method security ({@code @PreAuthorize} on
 * controller methods), operators' endpoints other than health, info and the Prometheus scrape need an editor's token,
 * every other path is answered by the application (an unknown one with 404), and no server-side session exists.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The Content-Security-Policy of the service's HTML pages (the dashboard, GraphiQL): scripts, styles, images and
     * fonts only from the service itself (no inline script, no eval), requests only to the service itself (a page
     * cannot be made to send a token elsewhere), no plugins, no framing by other sites.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final RequestMatcher PAGES =
            new OrRequestMatcher(Stream.of("/dashboard", "/dashboard/**", "/graphiql", "/graphiql/**")
                    .map(path -> (RequestMatcher)
                            PathPatternRequestMatcher.withDefaults().matcher(path))
                    .toList());

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, TokenVerification verification, NewsSecurityProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // Public reads are cacheable: the GraphQL layer decides Cache-Control, security must not force
                // no-store.
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PAGES, new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))))
                .addFilterBefore(
                        new LenientBearerTokenFilter(verification, TokenRules.of(properties)),
                        AnonymousAuthenticationFilter.class)
                // Refusals go through the error page, so they are JSON like every other error.
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                    response.sendError(401);
                }))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasRole("EDITOR")
                        // GraphQL guards its fields itself (also over /graphql-ws, see WebSocketTokens), /views,
                        // /beacon.js, the reader's article pages (published articles only), /graphiql and /dashboard
                        // (a page without data) are public, /dev/token guards itself
                        // (DevTokenAutoConfiguration), and a path that names nothing must answer 404 to anyone.
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    /**
     * {@code @PreAuthorize}, the one method-security annotation the service uses, applied to the service's GraphQL
     * controllers (the {@code @Controller} classes of {@code news.*}), where it guards the editors' fields. This is
     * the whole of method security: {@code @EnableMethodSecurity} is not used, since its advisors (for
     * {@code @PreAuthorize}, {@code @PostAuthorize}, {@code @PreFilter}, {@code @PostFilter} and
     * {@code @AuthorizeReturnObject}) look for their annotation on every method of every bean, jOOQ's, Tomcat's and
     * Micrometer's alike, which was about a sixth of the main thread's work at start. This one looks at the
     * controllers only, with the same expressions ({@code hasRole(...)}, beans by name) and the same order; Spring
     * Boot's auto-proxy creator applies it, as an infrastructure advisor. {@code MethodSecurityTest} checks that
     * {@code @PreAuthorize} is found on controllers only and that no class relies on the annotations left out
     * ({@code @PostAuthorize}, {@code @PreFilter}, {@code @PostFilter}, {@code @AuthorizeReturnObject},
     * {@code @Secured}, {@code @RolesAllowed}); {@code MutationGuardTest} that the guard holds.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor preAuthorizeOnTheControllers(ApplicationContext context) {
        DefaultMethodSecurityExpressionHandler expressions = new DefaultMethodSecurityExpressionHandler();
        expressions.setApplicationContext(context);
        PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
        manager.setApplicationContext(context);
        manager.setExpressionHandler(expressions);
        AuthorizationManagerBeforeMethodInterceptor standard =
                AuthorizationManagerBeforeMethodInterceptor.preAuthorize(manager);
        Pointcut controllers = new ComposablePointcut(SecurityConfiguration::isTheServicesController)
                .intersection(standard.getPointcut());
        AuthorizationManagerBeforeMethodInterceptor guard =
                new AuthorizationManagerBeforeMethodInterceptor(controllers, manager);
        guard.setOrder(standard.getOrder());
        return guard;
    }

    static boolean isTheServicesController(Class<?> type) {
        return type.getName().startsWith("news.") && AnnotatedElementUtils.hasAnnotation(type, Controller.class);
    }

    /**
     * Chooses how tokens are verified, in this order: the configured HMAC secret; the identity provider configured
     * with Spring's resource-server settings; a generated development secret in {@link DevelopmentMode}; otherwise
     * nothing is accepted.
     */
    /**
     * No observation (timer, span, events) around each filter of the security chain on every request: the request is
     * timed as a whole by {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    TokenVerification tokenVerification(
            NewsSecurityProperties properties,
            ObjectProvider<JwtDecoder> issuerDecoder,
            ObjectProvider<DevelopmentMode> developmentMode) {
        TokenVerification verification;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            verification = TokenVerification.hmac(properties.jwtSecret(), "the HMAC secret news.security.jwt-secret");
        } else if (issuerDecoder.getIfAvailable() != null) {
            verification = new TokenVerification(
                    issuerDecoder.getObject(),
                    null,
                    "the identity provider's keys (spring.security.oauth2.resourceserver.jwt)");
        } else if (developmentMode.getIfAvailable() != null) {
            verification = TokenVerification.generatedDevelopmentSecret();
        } else {
            verification = TokenVerification.none();
        }
        log.info("Editor tokens are verified with {}.", verification.description());
        return verification;
    }

    @Bean
    FilterRegistrationBean<PrivateResponses> privateResponses() {
        FilterRegistrationBean<PrivateResponses> registration = new FilterRegistrationBean<>(new PrivateResponses());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    PrivateOperations privateOperations(ListableBeanFactory beans) {
        return new PrivateOperations(beans);
    }

    /**
     * The Prometheus scrape is open, so no meter may name a path of the machine: the disk meters lose their
     * {@code path} tag (there is one disk meter per metric, the working directory's).
     */
    @Bean
    MeterFilter hideFileSystemPaths() {
        return new MeterFilter() {

            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("disk.") || id.getTag("path") == null) {
                    return id;
                }
                List<Tag> kept = id.getTags().stream()
                        .filter(tag -> !tag.getKey().equals("path"))
                        .toList();
                return id.replaceTags(kept);
            }
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(NewsSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // The view beacon (/beacon.js) posts from the pages of any site: POST /views is public, reads no cookie and
        // no token, and answers nothing a page could use, so every origin may send to it, without credentials. It is
        // named before "/**" (the first matching pattern wins), or the API's origin list would refuse other sites.
        CorsConfiguration views = new CorsConfiguration();
        views.addAllowedOrigin(CorsConfiguration.ALL);
        views.setAllowedMethods(List.of("POST"));
        views.setAllowedHeaders(List.of("Content-Type"));
        views.setAllowCredentials(false);
        views.setMaxAge(Duration.ofDays(1));
        source.registerCorsConfiguration("/views", views);
        // The script itself, for pages that load it with crossorigin (for Subresource Integrity): a public file.
        CorsConfiguration script = new CorsConfiguration();
        script.addAllowedOrigin(CorsConfiguration.ALL);
        script.setAllowedMethods(List.of("GET", "HEAD"));
        script.setAllowCredentials(false);
        script.setMaxAge(Duration.ofDays(1));
        source.registerCorsConfiguration("/beacon.js", script);
        NewsSecurityProperties.Cors cors = properties.cors();
        if (!cors.allowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOriginPatterns(cors.allowedOrigins());
            configuration.setAllowedMethods(cors.allowedMethods());
            configuration.setAllowedHeaders(cors.allowedHeaders());
            configuration.setMaxAge(cors.maxAge());
            // Tokens travel in the Authorization header, never in cookies.
            configuration.setAllowCredentials(false);
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }
}
