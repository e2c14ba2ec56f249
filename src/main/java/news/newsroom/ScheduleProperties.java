package news.newsroom;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scheduled articles falling due are noticed (see {@link DueArticles}).
 *
 * @param checkEvery how often an instance looks for scheduled articles whose time has come; readers see such an
 *        article at its time whatever this is, but caches, CDNs and live subscribers hear of it only at the next check
 * @param lookback how far back a check looks for due articles not yet handled, e.g. ones that fell due while no
 *        instance was running; it should exceed the longest time a CDN keeps an answer ({@code news.edge.articles} plus
 *        {@code news.edge.stale-while-revalidate})
 */
@ConfigurationProperties("news.newsroom.schedule")
record ScheduleProperties(
        @DefaultValue("1s") Duration checkEvery,
        @DefaultValue("1h") Duration lookback) {}
