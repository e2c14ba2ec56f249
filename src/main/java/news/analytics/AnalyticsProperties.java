package news.analytics;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of view counting and rankings.
 *
 * @param dedupeWindow length of the dedupe slot: a visitor counts once per article per slot, the slots being fixed
 *        periods of this length counted from the epoch in UTC (with 30m: 08:00-08:30, 08:30-09:00, ...); PostgreSQL
 *        decides, for all instances
 * @param dedupeMaxEntries bound of the in-memory (article, slot, visitor) set that filters repeats before they reach
 *        PostgreSQL (which decides); when full the oldest go first
 * @param flushInterval how often counted views are written to PostgreSQL, in one statement
 * @param maxPendingKeys a flush is forced as soon as this many counted views (each an article, slot and visitor)
 *        wait in memory
 * @param maxBatch most views one GraphQL request may report, over all its {@code recordView} and {@code recordViews}
 *        fields (aliases included); a request over it is refused as a whole before anything is counted
 * @param articleCheckTtl longest time ingestion keeps the answer "this id is (not) a visible article"; newsroom
 *        changes drop it at once (on other instances when their notification arrives), so this only bounds changes
 *        written to the database by hand
 * @param rankingRefresh age after which a cached ranking is recomputed in the background (readers get the old one
 *        meanwhile)
 * @param liveInterval how often a ranking with live subscribers ({@code Subscription.popularChanged}) is recomputed,
 *        and readers now of a scope with live subscribers ({@code Subscription.readersNow}) counted, once for all of
 *        them
 * @param rankingCacheSize most rankings (window, section, size combinations) kept in the cache
 * @param trendingMinViews views an article needs in the recent period to be considered trending
 * @param rateLimit how many views one client may report
 * @param spoolDirectory where counts that could not be written (the database was unavailable at shutdown, or while
 *        {@code max-pending-keys} views waited) are kept until they are written; relative to the working directory
 * @param readers how unique readers are counted and estimated, and how long their keys are kept
 * @param sources how counted views are told apart by where they came from (referrer and {@code utm_*})
 * @param engaged how the beacon's heartbeats of engaged time are counted
 * @param alerts when a recent story's readers per minute raise an alert, and where alerts go
 * @param warmUp what the editors' dashboard's first view needs, computed in the background once the service is ready
 */
@ConfigurationProperties("news.analytics")
public record AnalyticsProperties(
        @DefaultValue("30m") Duration dedupeWindow,
        @DefaultValue("2000000") long dedupeMaxEntries,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("100000") int maxPendingKeys,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("30s") Duration articleCheckTtl,
        @DefaultValue("30s") Duration rankingRefresh,
        @DefaultValue("3s") Duration liveInterval,
        @DefaultValue("1000") long rankingCacheSize,
        @DefaultValue("20") long trendingMinViews,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("data/spool") String spoolDirectory,
        @DefaultValue Readers readers,
        @DefaultValue Sources sources,
        @DefaultValue Engaged engaged,
        @DefaultValue Alerts alerts,
        @DefaultValue WarmUp warmUp) {

    /**
     * The dashboard's warm-up: once the service is ready (never before, and never holding up its start or health), a
     * background thread computes what the dashboard's first view asks for by default, so the first editor after a
     * start does not wait for it: per section and per reporter the views, engaged seconds and estimated readers of
     * each of {@code windows} and of the window before it (the unions of their hourly reader sketches, kept in
     * memory), the site's sources over those windows, and the site's readers per hour of the last 24 hours. It logs one
     * line with the time it took. While PostgreSQL cannot be reached it tries again every {@code interval}. After it,
     * every {@code interval}, it builds the reader unions of every window asked for since the start (the dashboard's,
     * any other an editor asked) as they will be in the next hour, so the request after a window's first hour moves
     * does not build them.
     *
     * @param enabled whether this instance warms up the dashboard's figures and builds the next hour's unions ahead;
     *        off, the first request after a start (and the first after a window's first hour moves) computes them
     * @param windows the windows warmed at start ({@code LAST_7_DAYS}, the dashboard's default, and {@code LAST_30_DAYS}); each costs, once,
     *        the reading of the hourly sketches of the sections and reporters over it and the window before
     * @param interval pause between two rounds: the retries of a warm-up that failed, then the building of the next
     *        hour's unions (at least once an hour is needed for them to be ready when the hour turns)
     */
    public record WarmUp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue({"LAST_7_DAYS", "LAST_30_DAYS"}) List<PopularityWindow> windows,
            @DefaultValue("5m") Duration interval) {}

    /**
     * Sources of views: each counted view falls in one category, decided in this order: {@code newsletter}
     * ({@code utm_medium} {@code email}, {@code e-mail} or {@code newsletter}, a {@code utm_source} containing
     * {@code newsletter}, or a referrer on a webmail host), {@code campaign} (any other {@code utm_*} value),
     * {@code direct} (no referrer), {@code internal} (a referrer on the site's own hosts), {@code search},
     * {@code social}, else {@code other}. A host entry ending in a dot ({@code google.}) matches that label with any
     * ending ({@code google.com}, {@code news.google.co.id}); any other entry matches the host itself and its
     * subdomains ({@code t.co}, {@code m.facebook.com} for {@code facebook.com}).
     *
     * @param internalHosts the site's own hosts, besides the host the view was sent to (the service's own, which
     *        serves the reader pages): a referrer on them is {@code internal}
     * @param searchHosts hosts of search engines
     * @param socialHosts hosts of social networks and messengers
     * @param newsletterHosts webmail hosts: a referrer on them counts as {@code newsletter}
     * @param maxHostsPerArticle most referring hosts of one article one flush stores; the views of its other hosts
     *        in that flush count under the host {@code (other)}
     */
    public record Sources(
            @DefaultValue List<String> internalHosts,

            @DefaultValue({
                "google.",
                "bing.com",
                "duckduckgo.com",
                "yahoo.",
                "yandex.",
                "baidu.com",
                "ecosia.org",
                "search.brave.com",
                "qwant.com",
                "startpage.com",
                "naver.com",
                "seznam.cz",
                "ask.com"
            })
            List<String> searchHosts,

            @DefaultValue({
                "facebook.com", "fb.com", "instagram.com", "t.co", "twitter.com", "x.com", "linkedin.com",
                "lnkd.in", "reddit.com", "tiktok.com", "youtube.com", "youtu.be", "whatsapp.com", "wa.me",
                "line.me", "telegram.org", "t.me", "pinterest.", "threads.net", "bsky.app", "quora.com"
            })
            List<String> socialHosts,

            @DefaultValue({"mail.google.com", "outlook.live.com", "outlook.office.com", "mail.yahoo.com"})
            List<String> newsletterHosts,

            @DefaultValue("20") int maxHostsPerArticle) {}

    /**
     * Engaged time: the beacon reports, while the page is visible and the reader was active, the seconds of
     * engagement since its last report ({@code POST /views} with {@code engaged}).
     *
     * @param maxSecondsPerHeartbeat most engaged seconds one heartbeat may report (the beacon sends one every 15
     *        seconds); a heartbeat over it is refused
     * @param maxReaders bound of the in-memory note per (reader, article) of when this instance took the reader's
     *        view, before which no heartbeat of theirs on the article is credited; when full the least recently seen
     *        go first
     * @param readerIdle how long that note, and the record in PostgreSQL of the periods already credited to a reader
     *        on an article (which all instances share), are kept after the reader's last report of the article
     */
    public record Engaged(
            @DefaultValue("15") int maxSecondsPerHeartbeat,
            @DefaultValue("1000000") long maxReaders,
            @DefaultValue("30m") Duration readerIdle) {}

    /**
     * The per-client limit of view ingestion (GraphQL {@code recordView}/{@code recordViews} and {@code POST /views}),
     * a token bucket per client address (IPv6 addresses by their /64 prefix). Views over it are not counted and are
     * accounted as RATE_LIMITED.
     *
     * @param enabled whether views are limited per client at all (off where an edge proxy limits already)
     * @param viewsPerSecond sustained views per second one client may report
     * @param burst views one client may report at once (at least {@code max-batch}, so one full batch passes)
     * @param maxClients most clients whose buckets are kept; an idle bucket is dropped once it would be full again
     * @param shared whether the limit holds for all instances together: each client's bucket is kept in PostgreSQL
     *        (table {@code rate_limit_buckets}) and every instance takes from the same one; when false, or while
     *        PostgreSQL cannot be reached, each instance limits on its own, so N instances admit up to N times the limit
     * @param syncViews views an instance may admit for a client before PostgreSQL learns of them; the request that
     *        would exceed it first takes the shared bucket's state from PostgreSQL (one transaction). So a client can
     *        get at most (instances - 1) × sync-views views more than the limit (plus one per concurrent request of the
     *        same client), and costs PostgreSQL at most one transaction per sync-views admitted views
     * @param syncTimeout longest a request waits for that transaction; a request that waits longer is answered from
     *        the instance's own bucket, and the instance limits on its own for {@code unavailable-retry}
     * @param unavailableRetry how long an instance limits on its own after PostgreSQL failed to answer, before it tries
     *        the shared buckets again
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") long viewsPerSecond,
            @DefaultValue("1000") long burst,
            @DefaultValue("100000") long maxClients,
            @DefaultValue("true") boolean shared,
            @DefaultValue("50") long syncViews,
            @DefaultValue("200ms") Duration syncTimeout,
            @DefaultValue("5s") Duration unavailableRetry) {}

    /**
     * Unique readers: exact for an article from the kept (article, slot, visitor) keys, estimated elsewhere from
     * hourly distinct-count sketches that each instance keeps of the keys its own flushes inserted.
     *
     * @param exactRetention how long the (article, slot, visitor) keys of counted views are kept in
     *        {@code article_readers} (whole UTC days, at least 2): they decide whether a view counts, for all
     *        instances; views older than this are still counted but no longer de-duplicated by the database. An
     *        article's readers over a range starting within it are exact, older ranges are estimated from its hourly
     *        sketches
     * @param sketchInterval how often each instance merges the keys its flushes inserted since the last time into
     *        its own rows of the hourly sketches (it also does when it stops); estimates are at most about this much
     *        behind
     * @param sketchLookback how far back each instance checks finished hours whose stored sketches do not account for
     *        all of their keys (an instance that ended without writing its sketches, keys written by hand); such an
     *        hour is rebuilt from its keys, once, by whichever instance holds the lock; hours older than this keep
     *        the sketches they have
     * @param sketchRetention how long hourly sketches are kept; estimates reach back this far
     */
    public record Readers(
            @DefaultValue("31d") Duration exactRetention,
            @DefaultValue("5m") Duration sketchInterval,
            @DefaultValue("6h") Duration sketchLookback,
            @DefaultValue("400d") Duration sketchRetention) {}

    /**
     * Alerts when a story takes off. An article published within {@code recent} is measured every {@code interval}: its
     * readers per minute are the higher of (a) the distinct readers of each of the last {@code minutes} whole minutes
     * (UTC), averaged, and (b) the distinct readers of the current minute so far (readers as for readers now: a view or
     * a heartbeat). Its threshold is the {@code percentile} of the peak hourly views of the other articles of its
     * section over the last {@code history}, divided by 60, and never below {@code min-readers-per-minute}. Crossing it
     * raises SPIKE the first time, BACK_RISING after the rate had fallen below {@code fall-below} times the threshold,
     * and, while it stays high, STILL_RISING each time the rate reaches {@code still-rising-factor} times the rate of
     * its last alert.
     *
     * @param enabled whether this instance takes part in the checks (any instance that holds the lock checks for all)
     * @param interval how often the check runs; one instance at a time (a PostgreSQL advisory lock) checks every
     *        article
     * @param recent how long after its publication an article is watched
     * @param minutes how many whole minutes (before the current one) the readers per minute are averaged over
     * @param history how far back the peak hourly views of the section's other articles are taken
     * @param percentile which percentile of those peaks (per article, its highest hour of views) is the threshold,
     *        times 1/60, between 0 and 1
     * @param thresholdRefresh how long the checking instance keeps a section's peaks before it reads them again
     * @param minReadersPerMinute the lowest threshold, also that of a section without history
     * @param fallBelow the lower threshold, as a fraction of the threshold: an article whose rate falls below it may
     *        raise BACK_RISING when it crosses the threshold again
     * @param stillRisingFactor while an article stays high, STILL_RISING is raised when its rate reaches this many
     *        times the rate of its last alert; 0 raises none
     * @param historyRetention how long raised alerts are kept ({@code Analytics.alerts})
     * @param webhook the signed webhook every alert is posted to
     */
    public record Alerts(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("24h") Duration recent,
            @DefaultValue("3") int minutes,
            @DefaultValue("7d") Duration history,
            @DefaultValue("0.9") double percentile,
            @DefaultValue("10m") Duration thresholdRefresh,
            @DefaultValue("20") double minReadersPerMinute,
            @DefaultValue("0.5") double fallBelow,
            @DefaultValue("2") double stillRisingFactor,
            @DefaultValue("30d") Duration historyRetention,
            @DefaultValue Webhook webhook) {

        /**
         * The webhook: each alert is POSTed once as JSON a Slack incoming webhook accepts ({@code text}, with the
         * alert's fields beside it), signed like the purge webhook: {@code X-News-Timestamp} (epoch seconds) and {@code
         * X-News-Signature: sha256=<hex>}, the HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. Only
         * the instance that raised the alert sends it; a failed request is retried after a doubling wait.
         *
         * @param url where each alert is POSTed; none when empty
         * @param secret key of the HMAC-SHA256 signature; required with a {@code url}
         * @param attempts how often an alert is sent before it is given up (and logged)
         * @param firstRetry wait before the second attempt; it doubles for each later one
         * @param timeout longest wait for the receiver's answer
         */
        public record Webhook(
                @DefaultValue("") String url,
                @DefaultValue("") String secret,
                @DefaultValue("5") int attempts,
                @DefaultValue("1s") Duration firstRetry,
                @DefaultValue("5s") Duration timeout) {}
    }
}
