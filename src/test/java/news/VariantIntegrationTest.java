package news;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntegrationTest} with the settings the shared context cannot have without changing what other tests see:
 * search bounds lowered so that a few articles cross them, and the origin's response cache turned off. Every test that
 * needs one of these uses this one set, so they share a second context instead of starting one each.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(
        properties = {
            "news.search.bounded-above=6",
            "news.search.newest-ranked=4",
            "news.edge.response-cache.enabled=false"
        })
public @interface VariantIntegrationTest {}
