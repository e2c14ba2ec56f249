package news.security;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import news.database.EmbeddedPostgresAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Decides once whether this is a developer's machine; see {@link DevelopmentMode} for the rule. */
@AutoConfiguration(
        after = EmbeddedPostgresAutoConfiguration.class,
        afterName =
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnBean(EmbeddedPostgres.class)
@ConditionalOnMissingBean(JwtDecoder.class)
@Conditional(DevelopmentMode.NoTokenSettings.class)
public class DevelopmentModeAutoConfiguration {

    @Bean
    DevelopmentMode developmentMode() {
        return new DevelopmentMode();
    }
}
