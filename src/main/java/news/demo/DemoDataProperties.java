package news.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo content loading.
 *
 * @param enabled {@code auto} loads the demo newsroom in development mode only (the embedded PostgreSQL and no token settings, see
 *        {@code news.security.DevelopmentMode}); {@code true} into any database; {@code false} never. It is loaded
 *        once, into a database without sections.
 */
@ConfigurationProperties("news.demo-data")
public record DemoDataProperties(@DefaultValue("auto") Enabled enabled) {

    /** When demo content is loaded. */
    public enum Enabled {
        AUTO,
        TRUE,
        FALSE
    }
}
