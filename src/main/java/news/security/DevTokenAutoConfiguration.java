package news.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers {@code POST /dev/token} only in {@link DevelopmentMode}, unless {@code news.security.dev-token.enabled}
 * is false. Even then the route matches only requests made on this machine ({@link LocalRequests}): to anyone else
 * the path is as unknown as any other, and answers the same 404.
 */
@AutoConfiguration(after = DevelopmentModeAutoConfiguration.class)
@ConditionalOnBean(DevelopmentMode.class)
@ConditionalOnBooleanProperty(name = "news.security.dev-token.enabled", matchIfMissing = true)
public class DevTokenAutoConfiguration {

    @Bean
    DevTokenController devTokenController(TokenVerification verification, NewsSecurityProperties properties) {
        return new DevTokenController(verification, properties.devToken().ttl(), properties.maxTokenLifetime());
    }

    @Bean
    RouterFunction<ServerResponse> devTokenRoute(DevTokenController controller) {
        return RouterFunctions.route()
                .route(RequestPredicates.POST("/dev/token").and(LocalRequests::fromThisMachine), controller::token)
                .build();
    }
}
