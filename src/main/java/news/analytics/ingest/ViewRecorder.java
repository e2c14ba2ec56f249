package news.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import news.analytics.AnalyticsProperties;
import news.graphql.BadInputException;
import news.graphql.GlobalId;
import org.springframework.stereotype.Service;

/**
 * Decides for each reported view whether it counts, and counts it: bots are recognised by their user agent, views
 * over the client's rate limit are not looked at, unknown or unpublished articles are rejected, and a visitor counts
 * once per article per dedupe slot (a fixed period of {@code dedupe-window} counted from the epoch, UTC). A set in
 * memory keyed (article, slot, visitor) answers repeats at once (DUPLICATE); it only filters: the flush's insert into
 * {@code article_readers} decides, for all instances, and a view answered ACCEPTED that the database finds counted
 * already is a late duplicate. Every decision is counted in the metric {@code news.views} with its outcome, and in
 * the accounting the flusher writes per (hour, entry point, outcome). Each view's source (category and referring
 * host, {@link TrafficSources}) goes with it to the flush. Heartbeats of engaged time are decided by
 * {@link #heartbeat}.
 */
@Service
class ViewRecorder {

    private final VisibleArticles articles;

    private final VisitorKeys visitors;

    private final ViewFlusher flusher;

    private final Clock clock;

    private final ViewRateLimiter limiter;

    private final Cache<PendingView.Key, Boolean> seen;

    /** Length of a dedupe slot, in seconds. */
    private final long slotSeconds;

    private final Map<ViewOutcome, Counter> counters = new EnumMap<>(ViewOutcome.class);

    private final TrafficSources sources;

    /**
     * Per (article, visitor): when this instance took the reader's view of the article (epoch seconds), before which
     * none of their heartbeats is credited; bounded by {@code engaged.max-readers}, dropped
     * {@code engaged.reader-idle} after the last report.
     */
    private final Cache<PendingView.Key, Long> engagement;

    private final int maxSecondsPerHeartbeat;

    private final Map<String, Counter> heartbeats = new java.util.HashMap<>();

    ViewRecorder(
            VisibleArticles articles,
            VisitorKeys visitors,
            ViewFlusher flusher,
            Clock clock,
            ViewRateLimiter limiter,
            AnalyticsProperties properties,
            MeterRegistry registry) {
        this.articles = articles;
        this.visitors = visitors;
        this.flusher = flusher;
        this.clock = clock;
        this.limiter = limiter;
        this.slotSeconds = Math.max(1, properties.dedupeWindow().toSeconds());
        // Entries expire on the service clock, so that it can be tested like the hourly buckets. An entry written
        // in a slot lives at least until that slot ends.
        this.seen = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(properties.dedupeWindow())
                .maximumSize(properties.dedupeMaxEntries())
                .build();
        this.sources = new TrafficSources(properties.sources());
        this.maxSecondsPerHeartbeat = properties.engaged().maxSecondsPerHeartbeat();
        this.engagement = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterAccess(properties.engaged().readerIdle())
                .maximumSize(properties.engaged().maxReaders())
                .build();
        for (String outcome : List.of("accepted", "capped", "bot", "rate_limited", "rejected")) {
            heartbeats.put(
                    outcome,
                    Counter.builder("news.heartbeats")
                            .description("Heartbeats of engaged time by what was decided about them")
                            .tag("outcome", outcome)
                            .register(registry));
        }
        for (ViewOutcome outcome : ViewOutcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("news.views")
                            .description("Reported article views by what was decided about them")
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
    }

    /**
     * Decides and counts a batch of views that a client sent over the network (GraphQL or the beacon): as
     * {@link #record}, except that the views beyond the client's rate limit, the last ones of the batch, are
     * RATE_LIMITED. Bots are told apart first, so that they use up no one's allowance.
     */
    List<ViewDecision> ingest(List<ViewReport> reports, ClientOrigin origin) {
        // The user agent is matched once per request.
        if (BotFilter.isBot(origin.userAgent())) {
            return record(reports, origin, true);
        }
        int admitted = limiter.admit(origin, reports.size());
        if (admitted == reports.size()) {
            return record(reports, origin, false);
        }
        List<ViewDecision> decisions = new ArrayList<>(record(reports.subList(0, admitted), origin, false));
        for (int i = admitted; i < reports.size(); i++) {
            decisions.add(ViewDecision.RATE_LIMITED);
        }
        counters.get(ViewOutcome.RATE_LIMITED).increment(reports.size() - admitted);
        flusher.count(
                hourOf(clock.instant().getEpochSecond()),
                origin.entryPoint(),
                IngestionOutcome.RATE_LIMITED,
                reports.size() - admitted);
        return decisions;
    }

    /** Decides and counts a batch of views from one client; the decisions are in the order of the reports. */
    List<ViewDecision> record(List<ViewReport> reports, ClientOrigin origin) {
        return record(reports, origin, BotFilter.isBot(origin.userAgent()));
    }

    private List<ViewDecision> record(List<ViewReport> reports, ClientOrigin origin, boolean bot) {
        List<ViewDecision> decisions = new ArrayList<>(reports.size());
        if (bot) {
            reports.forEach(r -> decisions.add(ViewDecision.BOT));
            counters.get(ViewOutcome.BOT).increment(reports.size());
            flusher.count(
                    hourOf(clock.instant().getEpochSecond()),
                    origin.entryPoint(),
                    IngestionOutcome.BOT,
                    reports.size());
            return decisions;
        }
        long[] ids = new long[reports.size()];
        Set<Long> wanted = new LinkedHashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            ids[i] = -1;
            if (reports.get(i).articleId() == null) {
                continue;
            }
            try {
                ids[i] = GlobalId.decode(reports.get(i).articleId(), "Article", "articleId");
                wanted.add(ids[i]);
            } catch (BadInputException ex) {
                // stays -1: rejected below
            }
        }
        Map<Long, Boolean> visible = wanted.isEmpty() ? Map.of() : articles.check(wanted);
        long now = clock.instant().getEpochSecond();
        long hour = hourOf(now);
        long slot = now - Math.floorMod(now, slotSeconds);
        int[] outcomes = new int[ViewOutcome.values().length];
        for (int i = 0; i < reports.size(); i++) {
            ViewReport report = reports.get(i);
            ViewDecision decision;
            if (ids[i] < 0) {
                decision = ViewDecision.rejected(false, "'articleId' is not the id of an Article.");
            } else if (!Boolean.TRUE.equals(visible.get(ids[i]))) {
                decision = ViewDecision.rejected(true, "No published article has the id '" + report.articleId() + "'.");
            } else {
                VisitorKeys.VisitorKey visitor = visitors.of(report.visitorId(), origin.ip(), origin.userAgent());
                TrafficSources.Source source = sources.classify(
                        report.referrer(), report.utmSource(), report.utmMedium(), report.utmCampaign(), origin.host());
                PendingView view = new PendingView(
                        ids[i],
                        hour,
                        slot,
                        visitor.high(),
                        visitor.low(),
                        origin.entryPoint(),
                        source.category(),
                        source.host());
                // The reader is on the page from now on, as far as engaged time goes (kept if known already).
                engagement.get(new PendingView.Key(ids[i], 0, visitor.high(), visitor.low()), k -> now);
                flusher.present(new Presence(ids[i], now - Math.floorMod(now, 60L), visitor.high(), visitor.low()));
                if (seen.asMap().putIfAbsent(view.key(), Boolean.TRUE) != null) {
                    decision = ViewDecision.DUPLICATE;
                } else {
                    flusher.add(view);
                    decision = ViewDecision.ACCEPTED;
                }
            }
            counters.get(decision.outcome()).increment();
            outcomes[decision.outcome().ordinal()]++;
            decisions.add(decision);
        }
        for (ViewOutcome outcome : ViewOutcome.values()) {
            // ACCEPTED views are accounted by the flush, once the database has decided.
            if (outcome != ViewOutcome.ACCEPTED) {
                flusher.count(hour, origin.entryPoint(), IngestionOutcome.of(outcome), outcomes[outcome.ordinal()]);
            }
        }
        return decisions;
    }

    /** What was decided about a heartbeat, and the engaged seconds it added (0 unless ACCEPTED). */
    record Heartbeat(ViewDecision decision, long seconds) {}

    /**
     * Decides a heartbeat of engaged time: {@code seconds} (0 to {@code engaged.max-seconds-per-heartbeat}, checked
     * by the caller) of engagement of the report's visitor on its article since the visitor's last heartbeat. Bots
     * are dropped, a client over its rate limit is not looked at (a heartbeat takes one view of the allowance),
     * unknown or unpublished articles are REJECTED. An accepted heartbeat covers the {@code seconds} before it, but
     * not before the reader's view if this instance took it (then CAPPED in the metric); the next write credits the
     * part of that period that no earlier heartbeat of the reader on the article covered, on any instance (PostgreSQL
     * decides, {@link ViewRepository#UPSERT}). So a reader is never credited more than the wall-clock time their
     * heartbeats span, however many tabs and instances they reach. The answer's seconds are those of the period.
     */
    Heartbeat heartbeat(ViewReport report, long seconds, ClientOrigin origin) {
        if (BotFilter.isBot(origin.userAgent())) {
            heartbeats.get("bot").increment();
            return new Heartbeat(ViewDecision.BOT, 0);
        }
        if (limiter.admit(origin, 1) < 1) {
            heartbeats.get("rate_limited").increment();
            return new Heartbeat(ViewDecision.RATE_LIMITED, 0);
        }
        long id;
        try {
            id = GlobalId.decode(report.articleId(), "Article", "articleId");
        } catch (BadInputException ex) {
            heartbeats.get("rejected").increment();
            return new Heartbeat(ViewDecision.rejected(false, "'articleId' is not the id of an Article."), 0);
        }
        if (!Boolean.TRUE.equals(articles.check(Set.of(id)).get(id))) {
            heartbeats.get("rejected").increment();
            return new Heartbeat(
                    ViewDecision.rejected(true, "No published article has the id '" + report.articleId() + "'."), 0);
        }
        VisitorKeys.VisitorKey visitor = visitors.of(report.visitorId(), origin.ip(), origin.userAgent());
        long now = clock.millis() / 1000;
        long claimed = Math.max(0, Math.min(seconds, maxSecondsPerHeartbeat));
        long from = now - claimed;
        Long viewed = engagement.getIfPresent(new PendingView.Key(id, 0, visitor.high(), visitor.low()));
        if (viewed != null && viewed > from) {
            from = Math.min(viewed, now);
        }
        flusher.present(new Presence(id, now - Math.floorMod(now, 60L), visitor.high(), visitor.low()));
        if (now > from) {
            flusher.engage(EngagedCount.covered(id, visitor.high(), visitor.low(), from, now));
        }
        heartbeats.get(now - from < seconds ? "capped" : "accepted").increment();
        return new Heartbeat(ViewDecision.ACCEPTED, now - from);
    }

    ViewDecision record(ViewReport report, ClientOrigin origin) {
        return record(List.of(report), origin).get(0);
    }

    ViewDecision ingest(ViewReport report, ClientOrigin origin) {
        return ingest(List.of(report), origin).get(0);
    }

    /** Decisions of this instance since it started, by outcome (the metric {@code news.views}). */
    long count(ViewOutcome outcome) {
        return (long) counters.get(outcome).count();
    }

    private static long hourOf(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond, 3600L);
    }
}
