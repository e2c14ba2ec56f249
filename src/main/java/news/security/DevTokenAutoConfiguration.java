package news.security;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import news.database.EmbeddedPostgresAutoConfiguration;

/**
 * Registers {@code POST /dev/token} only where the embedded PostgreSQL runs, i.e. on a developer's machine. A service
 * with a real datasource never has the endpoint, whatever else is configured.
 */
@AutoConfiguration(after = EmbeddedPostgresAutoConfiguration.class)
@ConditionalOnBean(EmbeddedPostgres.class)
public class DevTokenAutoConfiguration {

    @Bean
    DevTokenController devTokenController(TokenVerification verification, NewsSecurityProperties properties) {
        return new DevTokenController(verification, properties.devTokenTtl());
    }

    @Bean
    RouterFunction<ServerResponse> devTokenRoute(DevTokenController controller) {
        return RouterFunctions.route().POST("/dev/token", controller::token).build();
    }
}
