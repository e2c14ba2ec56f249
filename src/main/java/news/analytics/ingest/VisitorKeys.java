package news.analytics.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import news.site.SiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a visitor into a 128-bit key for de-duplication. A client's own {@code visitorId} is HMAC-SHA256(permanent
 * key, id); a visitor without one is HMAC-SHA256(salt of the day, address + user agent), so neither the id, the
 * address nor the user agent is ever kept. Both secrets live in PostgreSQL ({@code visitor_id_key},
 * {@code visitor_salt}), made by whichever instance first needs them, so that every instance computes the same key
 * for the same visitor; the salt changes at midnight in the newsroom zone, and salts of days before yesterday are
 * deleted, so a past key cannot be recomputed from an address. They are read once per day and instance (not per
 * request).
 * <p>
 * When PostgreSQL cannot be reached as a day's salt is needed, this instance uses a random salt (and, if it never read
 * the permanent key, a random key) of its own until PostgreSQL answers, asking again at most every
 * {@value #RETRY_MILLIS} ms: meanwhile its keys differ from the other instances', so a visitor who reaches several
 * instances then, or this one before and after, may count once more.
 */
@Component
class VisitorKeys {

    private static final Logger log = LoggerFactory.getLogger(VisitorKeys.class);

    static final long RETRY_MILLIS = 10_000;

    private final Clock clock;

    private final ZoneId zone;

    private final VisitorSaltRepository salts;

    private final SecureRandom random = new SecureRandom();

    private volatile Secrets secrets;

    /** The permanent client-id key once read from PostgreSQL; it never changes after. */
    private volatile byte[] sharedIdKey;

    VisitorKeys(Clock clock, SiteProperties newsroom, VisitorSaltRepository salts) {
        this.clock = clock;
        this.zone = newsroom.zone();
        this.salts = salts;
    }

    /** A key for the visitor: their own id when given, else the keyed hash of where the request came from. */
    VisitorKey of(String visitorId, String ip, String userAgent) {
        Secrets current = current();
        Macs macs = this.macs.get();
        if (visitorId != null && !visitorId.isBlank()) {
            return key((byte) 1, macs.id(current.idKey()).doFinal(visitorId.getBytes(StandardCharsets.UTF_8)));
        }
        // HMAC of address, newline, user agent (in UTF-8), without joining them into one string first.
        Mac mac = macs.salt(current.salt());
        if (ip != null) {
            mac.update(ip.getBytes(StandardCharsets.UTF_8));
        }
        mac.update((byte) '\n');
        if (userAgent != null) {
            mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
        }
        return key((byte) 2, mac.doFinal());
    }

    /**
     * The name of a rate-limit client's shared bucket ({@code rate_limit_buckets.id}): HMAC-SHA256 of the client's key
     * (an address, or an IPv6 /64 prefix) under the permanent key, 128 bits in hex, so the table holds no address and
     * every instance names the same client alike.
     */
    String bucketKey(String client) {
        byte[] digest =
                macs.get().id(current().idKey()).doFinal(("rate-limit\n" + client).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /**
     * This thread's two HMACs, for the secrets they were made with: a {@code Mac} is not thread-safe and costs a
     * provider lookup and a key schedule to make, so each request thread keeps its own and makes a new one only when
     * the secret changes (once a day for the salt).
     */
    private final ThreadLocal<Macs> macs = ThreadLocal.withInitial(Macs::new);

    private static final class Macs {

        private byte[] idSecret;

        private Mac id;

        private byte[] saltSecret;

        private Mac salt;

        Mac id(byte[] secret) {
            if (secret != idSecret) {
                id = mac(secret);
                idSecret = secret;
            }
            return id;
        }

        Mac salt(byte[] secret) {
            if (secret != saltSecret) {
                salt = mac(secret);
                saltSecret = secret;
            }
            return salt;
        }
    }

    /** Whether this instance computes keys with the shared secrets (false while it falls back to its own). */
    boolean shared() {
        Secrets current = secrets;
        return current != null && current.shared();
    }

    private static VisitorKey key(byte kind, byte[] digest) {
        ByteBuffer buffer = ByteBuffer.wrap(digest);
        // The first byte tells a client id from an anonymous origin, so the two can never collide.
        return new VisitorKey((buffer.getLong() & 0x00FFFFFFFFFFFFFFL) | ((long) kind << 56), buffer.getLong());
    }

    private Secrets current() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        long now = clock.millis();
        Secrets current = secrets;
        if (current != null && current.day().equals(today) && (current.shared() || now < current.retryAt())) {
            return current;
        }
        synchronized (this) {
            current = secrets;
            if (current != null && current.day().equals(today) && (current.shared() || now < current.retryAt())) {
                return current;
            }
            try {
                VisitorSaltRepository.Secrets read = salts.of(today, randomBytes(), randomBytes());
                sharedIdKey = read.idKey();
                current = new Secrets(today, read.salt(), read.idKey(), true, 0);
                if (secrets != null && !secrets.shared()) {
                    log.info("Visitor keys use the salt shared through PostgreSQL again");
                }
            } catch (RuntimeException ex) {
                boolean sameDay = current != null && current.day().equals(today);
                byte[] salt = sameDay ? current.salt() : randomBytes();
                byte[] idKey = sharedIdKey != null ? sharedIdKey : sameDay ? current.idKey() : randomBytes();
                if (!sameDay || current.shared()) {
                    log.warn(
                            "Cannot read the shared visitor salt of {} from PostgreSQL ({}); this instance uses a salt"
                                    + " of its own until it can, so its visitors may count once more elsewhere",
                            today,
                            ex.toString());
                }
                current = new Secrets(today, salt, idKey, false, now + RETRY_MILLIS);
            }
            secrets = current;
            return current;
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** 128 bits identifying a visitor; collisions are negligible at any realistic traffic. */
    record VisitorKey(long high, long low) {}

    /** The secrets of a day; not {@code shared} while PostgreSQL could not be asked (retried from {@code retryAt}). */
    private record Secrets(LocalDate day, byte[] salt, byte[] idKey, boolean shared, long retryAt) {}
}
