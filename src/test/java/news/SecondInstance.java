package news;

import news.analytics.ingest.AnalyticsFixtures;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A second instance of the service (web server on a free port, no demo content) on the shared {@link IntegrationTest}
 * database, started once for every test that needs two instances and closed just before the shared context, while
 * its database still runs.
 */
public final class SecondInstance {

    private static ConfigurableApplicationContext instance;

    private SecondInstance() {}

    /** The second instance beside {@code shared} (the test's own context), started on first use. */
    public static synchronized ConfigurableApplicationContext beside(ApplicationContext shared) {
        if (instance == null || !instance.isActive()) {
            ConfigurableApplicationContext started =
                    AnalyticsFixtures.startInstance(shared.getBean(JdbcConnectionDetails.class), "server.port=0");
            ((ConfigurableApplicationContext) shared)
                    .addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                        if (event instanceof ContextClosedEvent) {
                            started.close();
                        }
                    });
            instance = started;
        }
        return instance;
    }
}
