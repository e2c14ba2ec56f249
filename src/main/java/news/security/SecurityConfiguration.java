package news.security;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The HTTP side of access control: the public endpoints are open to anyone, the GraphQL layer decides per field with
 * method security ({@code @PreAuthorize} on controller methods), and no server-side session exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain securityFilterChain(HttpSecurity http, TokenVerification verification) throws Exception {
        http.csrf(csrf -> csrf.disable())
            .cors(cors -> {
            })
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(basic -> basic.disable())
            .formLogin(form -> form.disable())
            .logout(logout -> logout.disable())
            .requestCache(cache -> cache.disable())
            // Public reads are cacheable: the GraphQL layer decides Cache-Control, security must not force no-store.
            .headers(headers -> headers.cacheControl(cache -> cache.disable()))
            .addFilterBefore(new LenientBearerTokenFilter(verification), AnonymousAuthenticationFilter.class)
            .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/graphql", "/graphiql", "/graphiql/**", "/webjars/**", "/views", "/views/**", "/dev/token",
                        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                .permitAll()
                .anyRequest().hasRole("EDITOR"));
        return http.build();
    }

    /**
     * Chooses how tokens are verified, in this order: the configured HMAC secret; the identity provider configured
     * with Spring's resource-server settings; a generated development secret when the embedded PostgreSQL runs;
     * otherwise nothing is accepted.
     */
    @Bean
    TokenVerification tokenVerification(NewsSecurityProperties properties, ObjectProvider<JwtDecoder> issuerDecoder,
            ObjectProvider<EmbeddedPostgres> embeddedPostgres) {
        TokenVerification verification;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            verification = TokenVerification.hmac(properties.jwtSecret(), "the HMAC secret news.security.jwt-secret");
        }
        else if (issuerDecoder.getIfAvailable() != null) {
            verification = new TokenVerification(issuerDecoder.getObject(), null,
                    "the identity provider's keys (spring.security.oauth2.resourceserver.jwt)");
        }
        else if (embeddedPostgres.getIfAvailable() != null) {
            verification = TokenVerification.generatedDevelopmentSecret();
        }
        else {
            verification = TokenVerification.none();
        }
        log.info("Editor tokens are verified with {}.", verification.description());
        return verification;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(NewsSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
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
