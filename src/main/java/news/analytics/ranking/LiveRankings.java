package news.analytics.ranking;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import news.analytics.AnalyticsProperties;
import news.analytics.PopularityWindow;
import news.graphql.PageSize;
import news.section.SectionDirectory;
import news.section.SectionTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The popular lists of {@code Subscription.popularChanged}. Each (window, section, size) that has subscribers is
 * recomputed every {@code news.analytics.live-interval}, once for all of its subscribers however many they are: one
 * timer and one set of ranking queries per list, shared through a replaying multicast, stopped when the last
 * subscriber leaves. A list is pushed only when it changed (order, views or previous ranks); a new subscriber gets the
 * latest list at once. A failed recomputation (the database away, say) skips a tick and the next one tries again.
 */
@Service
public class LiveRankings {

    private static final Logger log = LoggerFactory.getLogger(LiveRankings.class);

    /** One shared feed per list that has or had subscribers; the number of lists is bounded by windows x sections x sizes. */
    private final Map<Feed, Flux<Update>> feeds = new ConcurrentHashMap<>();

    private final Rankings rankings;

    private final SectionDirectory sections;

    private final Clock clock;

    private final Duration interval;

    LiveRankings(Rankings rankings, SectionDirectory sections, Clock clock, AnalyticsProperties properties) {
        this.rankings = rankings;
        this.sections = sections;
        this.clock = clock;
        this.interval = properties.liveInterval();
    }

    /** One pushed list. */
    public record Update(
            PopularityWindow window, String section, List<RankedArticle> popular, OffsetDateTime computedAt) {}

    private record Feed(PopularityWindow window, String section, List<Long> sectionIds, int first) {}

    public Flux<Update> popular(PopularityWindow window, String section, Integer first) {
        int size = PageSize.check(first);
        PopularityWindow w = window == null ? PopularityWindow.LAST_7_DAYS : window;
        List<Long> sectionIds = null;
        if (section != null) {
            SectionTree tree = sections.tree();
            var found = tree.bySlug(section);
            if (found.isEmpty()) {
                // As in `popular`: a section that names nothing has an empty list.
                return Flux.just(new Update(w, section, List.of(), now()));
            }
            sectionIds = List.copyOf(tree.subtreeIds(found.get()));
        }
        return feeds.computeIfAbsent(new Feed(w, section, sectionIds, size), this::start);
    }

    private Flux<Update> start(Feed feed) {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromFuture(
                                        () -> rankings.popularNow(feed.window(), feed.sectionIds(), feed.first()))
                                .onErrorResume(ex -> {
                                    log.warn("Live ranking {} not recomputed this time: {}", feed, ex.toString());
                                    return Mono.empty();
                                }),
                        1)
                .distinctUntilChanged(LiveRankings::signature)
                .map(list -> new Update(feed.window(), feed.section(), list, now()))
                .replay(1)
                .refCount();
    }

    /** What subscribers see change: the order, the views and the previous ranks (not the articles' other fields). */
    private static List<List<Object>> signature(List<RankedArticle> list) {
        return list.stream()
                .map(r ->
                        List.<Object>of(r.article().id(), r.views(), r.previousRank() == null ? -1 : r.previousRank()))
                .toList();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
