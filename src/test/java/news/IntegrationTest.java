package news;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test of the whole service over real HTTP against a real PostgreSQL (see {@link TestDatabase}), with the demo
 * newsroom loaded. All such tests share one application context and one database; editors' tokens are verified
 * with {@link Tokens#SECRET}, browsers on {@code https://web.example.id} may call the API, and the analytics alerts go
 * to a local {@link WebhookReceiver}. The alerts are checked every 2 s instead of every 15 s, so a test of the scheduled
 * check waits for one round of it, not for a quarter of a minute. The section rollups are not written in the
 * background (tests write past hours directly, which rollups only notice within their recheck period);
 * {@code SectionRollupsTest} runs their rounds. Nor is the dashboard warmed up in the background (it would fill the
 * caches of reader totals while tests change the sketches under them); {@code DashboardWarmUpTest} runs it. A Server-Sent
 * Events stream sends its keep-alive every second instead of every 15 s, so a stream whose client has gone is noticed,
 * and its place given back, within about two seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "news.demo-data.enabled=true",
            "news.embedded-postgres.data-directory=",
            "logging.level.news=INFO",
            "news.security.jwt-secret=" + Tokens.SECRET,
            "news.security.cors.allowed-origins=https://web.example.id",
            "news.analytics.spool-directory=target/test-spool",
            "news.analytics.alerts.interval=2s",
            "news.analytics.rollups.enabled=false",
            "news.analytics.warm-up.enabled=false",
            "spring.graphql.http.sse.keep-alive=1s"
        })
@Import({
    TestDatabase.class,
    SqlStatementCounter.class,
    GraphQlRequestRecorder.class,
    TestClock.class,
    TestHttp.class,
    WebhookReceiver.class
})
public @interface IntegrationTest {}
