package news.security;

import java.util.List;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Present as a bean exactly when the service runs on a developer's machine: the embedded PostgreSQL runs (no
 * datasource is configured) and nothing is configured to verify editors' tokens (no {@code news.security.jwt-secret},
 * no {@code spring.security.oauth2.resourceserver.jwt.*} location, no {@code JwtDecoder} bean). Only then does the
 * service sign tokens with a secret of its own, serve {@code POST /dev/token} and, by default, load the demo
 * newsroom. A service that is given a real database or a real way to verify tokens is never in development mode,
 * so none of that can happen by accident where readers are served. Registered by
 * {@link DevelopmentModeAutoConfiguration}; everything that depends on it asks for this bean.
 */
public final class DevelopmentMode {

    /** The settings any one of which means tokens come from somewhere real. */
    static final List<String> TOKEN_SETTINGS = List.of(
            "news.security.jwt-secret",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");

    DevelopmentMode() {}

    /** Matches when none of {@link #TOKEN_SETTINGS} has a value. */
    static class NoTokenSettings implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TOKEN_SETTINGS.stream().allMatch(name -> {
                String value = context.getEnvironment().getProperty(name);
                return value == null || value.isBlank();
            });
        }
    }
}
