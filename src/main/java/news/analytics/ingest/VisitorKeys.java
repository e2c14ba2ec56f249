package news.analytics.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import news.analytics.AnalyticsProperties;
import news.site.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Turns a visitor into a 128-bit key for de-duplication. A client's own {@code visitorId} is hashed; a visitor
 * without one is HMAC-SHA256(daily salt, IP + user agent), so neither the IP nor the user agent is ever kept. The
 * salt changes at midnight in the newsroom zone: either random per instance (then an anonymous visitor who hits
 * two instances may count once on each), or derived from {@code news.analytics.visitor-secret} and the date, so every
 * instance computes the same key.
 */
@Component
class VisitorKeys {

    private final Clock clock;

    private final ZoneId zone;

    private final byte[] secret;

    private final SecureRandom random = new SecureRandom();

    private volatile DailySalt salt;

    VisitorKeys(Clock clock, SiteProperties newsroom, AnalyticsProperties properties) {
        this.clock = clock;
        this.zone = newsroom.zone();
        this.secret = properties.visitorSecret().isBlank()
                ? null
                : properties.visitorSecret().getBytes(StandardCharsets.UTF_8);
    }

    /** A key for the visitor: their own id when given, else the keyed hash of where the request came from. */
    VisitorKey of(String visitorId, String ip, String userAgent) {
        if (visitorId != null && !visitorId.isBlank()) {
            return key((byte) 1, sha256().digest(visitorId.getBytes(StandardCharsets.UTF_8)));
        }
        String origin = (ip == null ? "" : ip) + "\n" + (userAgent == null ? "" : userAgent);
        return key((byte) 2, mac().doFinal(origin.getBytes(StandardCharsets.UTF_8)));
    }

    private static VisitorKey key(byte kind, byte[] digest) {
        ByteBuffer buffer = ByteBuffer.wrap(digest);
        // The first byte tells a client id from an anonymous origin, so the two can never collide.
        return new VisitorKey((buffer.getLong() & 0x00FFFFFFFFFFFFFFL) | ((long) kind << 56), buffer.getLong());
    }

    private Mac mac() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DailySalt current = salt;
        if (current == null || !current.day().equals(today)) {
            synchronized (this) {
                current = salt;
                if (current == null || !current.day().equals(today)) {
                    current = new DailySalt(today, saltFor(today));
                    salt = current;
                }
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(current.salt(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private byte[] saltFor(LocalDate day) {
        if (secret == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return bytes;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("visitor-salt:" + day).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /** 128 bits identifying a visitor; collisions are negligible at any realistic traffic. */
    record VisitorKey(long high, long low) {}

    private record DailySalt(LocalDate day, byte[] salt) {}
}
