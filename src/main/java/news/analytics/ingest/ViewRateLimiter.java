package news.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import news.analytics.AnalyticsProperties;
import org.springframework.stereotype.Component;

/**
 * How many views a client may report now: a Bucket4j token bucket per client address, refilled at
 * {@code views-per-second} up to {@code burst}. The buckets live in a bounded Caffeine cache; a bucket idle for as
 * long as it takes to fill up again is dropped, since a new one starts full and so behaves the same. Buckets refill on
 * the service clock, like the dedupe window, so that tests can stop time.
 */
@Component
class ViewRateLimiter {

    private final AnalyticsProperties.RateLimit settings;

    private final Cache<String, Bucket> buckets;

    private final TimeMeter time;

    ViewRateLimiter(AnalyticsProperties properties, Clock clock) {
        this.settings = properties.rateLimit();
        if (settings.viewsPerSecond() < 1 || settings.burst() < 1) {
            throw new IllegalArgumentException(
                    "news.analytics.rate-limit.views-per-second and burst must be at least 1");
        }
        long refillMillis = Math.max(1000, settings.burst() * 1000 / settings.viewsPerSecond());
        this.time = new TimeMeter() {

            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .ticker(time::currentTimeNanos)
                .maximumSize(settings.maxClients())
                .expireAfterAccess(Duration.ofMillis(refillMillis))
                .build();
    }

    /** Takes up to {@code views} tokens from the client's bucket; answers how many it got. */
    int admit(ClientOrigin origin, int views) {
        if (!settings.enabled() || views == 0) {
            return views;
        }
        Bucket bucket = buckets.get(
                clientKey(origin.ip()),
                key -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(settings.burst())
                                .refillGreedy(settings.viewsPerSecond(), Duration.ofSeconds(1)))
                        .withCustomTimePrecision(time)
                        .build());
        return (int) bucket.tryConsumeAsMuchAsPossible(views);
    }

    /**
     * The address itself, except for IPv6, whose /64 prefix is the key: one subscriber usually holds a whole /64 and
     * could otherwise take a new bucket with every address.
     */
    static String clientKey(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip == null ? "" : ip;
        }
        try {
            // A literal with ':' is never resolved by name.
            byte[] address = InetAddress.getByName(ip).getAddress();
            return address.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(address, 8)) + "::/64" : ip;
        } catch (UnknownHostException ex) {
            return ip;
        }
    }
}
