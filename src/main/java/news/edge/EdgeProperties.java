package news.edge;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the public edge.
 *
 * @param lists how long shared caches may keep a GET answer with a root field other than {@code article},
 *        {@code node} and {@code sections}: the lists ({@code latest}, {@code popular}, {@code trending},
 *        {@code articles}), a section, reporter or tag page, {@code articleById}, {@code search}
 * @param articles how long shared caches may keep a GET answer whose root fields are all article pages
 *        ({@code article}, {@code node}) or the section tree ({@code sections}); a write purges them at once
 * @param staleWhileRevalidate how long after {@code max-age} a cache may still answer with the old copy while it asks again
 * @param purge the purge webhook
 * @param maxOperationNames most distinct operation names timed under their own name; later names count as "other"
 * @param responseCache the origin's copy of public GET answers
 */
@ConfigurationProperties("news.edge")
record EdgeProperties(
        @DefaultValue("30s") Duration lists,
        @DefaultValue("5m") Duration articles,
        @DefaultValue("1m") Duration staleWhileRevalidate,
        @DefaultValue Purge purge,
        @DefaultValue("200") int maxOperationNames,
        @DefaultValue ResponseCaching responseCache) {

    /**
     * The origin's copy of public GET answers.
     *
     * @param enabled whether public GET answers are kept and served without executing
     * @param maxBytes the most bytes kept, counting each answer's body, headers (surrogate keys included), keys and
     *        request key; the least used are dropped beyond it
     */
    record ResponseCaching(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("67108864") long maxBytes) {}

    /**
     * Where purges go: the signed webhook, and Varnish hosts with the {@code xkey} module. Each target gets its own
     * queue: up to {@code concurrency} requests at once, the newest purge first, purges waiting for a free request
     * merged into one (up to {@code maxKeysPerRequest} keys), and a failed request retried later, after a doubling
     * wait, without holding up the purges behind it.
     *
     * @param webhookUrl where each purge is POSTed; none when empty
     * @param webhookSecret key of the HMAC-SHA256 signature in {@code X-News-Signature}
     * @param varnishUrls Varnish hosts (e.g. {@code http://varnish-1:6081/}) each purge is sent to as an HTTP
     *        {@code PURGE} with the keys, space-separated, in the {@code xkey-purge} header; none when empty
     * @param attempts how often a purge is sent before it is given up (and logged)
     * @param firstRetry wait before the second attempt; it doubles for each later one
     * @param timeout longest wait for a target's answer
     * @param concurrency most requests in flight to one target at a time
     * @param maxKeysPerRequest most keys one merged request names (a single purge with more is sent whole)
     * @param maxPending most purges waiting per target; beyond it the oldest waiting are dropped (and logged)
     */
    record Purge(
            @DefaultValue("") String webhookUrl,
            @DefaultValue("") String webhookSecret,
            @DefaultValue List<String> varnishUrls,
            @DefaultValue("4") int attempts,
            @DefaultValue("500ms") Duration firstRetry,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("4") int concurrency,
            @DefaultValue("200") int maxKeysPerRequest,
            @DefaultValue("10000") int maxPending) {

        /** The webhook, or null when none is set. */
        URI webhook() {
            return webhookUrl.isBlank() ? null : URI.create(webhookUrl.trim());
        }

        /** The Varnish hosts to purge. */
        List<URI> varnish() {
            return varnishUrls == null
                    ? List.of()
                    : varnishUrls.stream()
                            .map(String::trim)
                            .filter(url -> !url.isEmpty())
                            .map(URI::create)
                            .toList();
        }
    }
}
