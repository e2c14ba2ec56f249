package news.edge;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import news.content.ContentChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces a purge after every committed newsroom write of this instance (other instances' writes are purged by the
 * instance that made them): a {@link CachePurge} event, a log line, and a signed POST to the webhook when one is set.
 * All of it runs on a thread of its own after the commit, so a slow or absent webhook never touches the write; failed
 * sends are retried with a doubling wait, then given up with a warning.
 *
 * <p>The webhook receives {@code {"keys": [...], "reason": "ARTICLE 42", "at": "2024-05-01T10:00:00Z"}} with the
 * headers {@code X-News-Timestamp} (epoch seconds) and {@code X-News-Signature: sha256=<hex>}, the HMAC-SHA256 of
 * {@code timestamp + "." + body} under {@code news.edge.purge.webhook-secret}.
 */
final class PurgeNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PurgeNotifier.class);

    static final String SIGNATURE = "X-News-Signature";

    static final String TIMESTAMP = "X-News-Timestamp";

    private final PurgeKeys keys;

    private final ApplicationEventPublisher events;

    private final EdgeProperties.Purge settings;

    private final JsonMapper json;

    private final HttpClient http;

    /** One sender, a bounded queue: when the webhook is down for long, the oldest waiting purges are dropped. */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000),
            runnable -> {
                Thread thread = new Thread(runnable, "cache-purge");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.DiscardOldestPolicy());

    PurgeNotifier(PurgeKeys keys, ApplicationEventPublisher events, EdgeProperties settings, JsonMapper json) {
        this.keys = keys;
        this.events = events;
        this.settings = settings.purge();
        this.json = json;
        this.http =
                HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void changed(ContentChanged change) {
        sender.execute(() -> purge(change));
    }

    private void purge(ContentChanged change) {
        try {
            List<String> affected = keys.of(change);
            if (affected.isEmpty()) {
                return;
            }
            CachePurge purge = new CachePurge(affected, change.kind() + " " + change.id());
            log.info("Cache purge ({}): {}", purge.reason(), String.join(" ", purge.keys()));
            events.publishEvent(purge);
            if (settings.webhook() != null) {
                send(purge);
            }
        } catch (RuntimeException ex) {
            log.warn("Cache purge for {} failed: {}", change, ex.toString());
        }
    }

    private void send(CachePurge purge) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("keys", purge.keys());
        message.put("reason", purge.reason());
        message.put("at", Instant.now().toString());
        String body = json.writeValueAsString(message);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(settings.webhook())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(settings.webhookSecret(), timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        Duration wait = settings.firstRetry();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                failure = "status " + response.statusCode();
            } catch (java.io.IOException ex) {
                failure = ex.toString();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt >= settings.attempts()) {
                log.warn("Purge webhook gave up after {} attempts ({}): {}", attempt, failure, purge.keys());
                return;
            }
            log.debug("Purge webhook attempt {} failed ({}); next in {}", attempt, failure, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@code text} under {@code secret}. */
    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }
}
