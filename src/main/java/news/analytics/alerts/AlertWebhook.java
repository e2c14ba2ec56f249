package news.analytics.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import news.analytics.AnalyticsProperties;
import news.article.Article;
import news.article.ArticleCatalog;
import news.graphql.GlobalId;
import news.support.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts every alert this instance raises to the webhook of {@code news.analytics.alerts.webhook}, once per alert, as
 * JSON a Slack incoming webhook accepts: {@code text} for people, and the alert's fields beside it ({@code id},
 * {@code kind}, {@code articleId} (global id), {@code headline}, {@code readersPerMinute}, {@code threshold},
 * {@code raisedAt}). Signed as the purge webhook is ({@link WebhookSignature}). The request goes out without blocking a
 * thread; a failed one (no answer, or a status other than 2xx) is sent again after a doubling wait, with a fresh
 * timestamp and signature and the same body, and given up with a warning after {@code attempts}. Retries live in this
 * instance's memory: an alert still being retried when the instance stops is not sent again.
 */
@Component
class AlertWebhook implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

    private final AnalyticsProperties.Alerts.Webhook settings;

    private final URI target;

    private final ArticleCatalog articles;

    private final JsonMapper json;

    private final HttpClient http;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alert-webhook-retry");
        thread.setDaemon(true);
        return thread;
    });

    AlertWebhook(AnalyticsProperties properties, ArticleCatalog articles, JsonMapper json) {
        this.settings = properties.alerts().webhook();
        this.target =
                settings.url().isBlank() ? null : URI.create(settings.url().trim());
        if (target != null && settings.secret().isEmpty()) {
            throw new IllegalStateException(
                    "news.analytics.alerts.webhook.url needs news.analytics.alerts.webhook.secret");
        }
        this.articles = articles;
        this.json = json;
        // Built only with a webhook to call: a client loads the JDK's trusted certificates, 160 to 175 ms of
        // the start in a fresh JVM on two cores.
        this.http = target == null
                ? null
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(settings.timeout())
                        .build();
    }

    /** Queues the alert for the webhook, if one is set. */
    void send(Alert alert) {
        if (target == null) {
            return;
        }
        String body;
        try {
            body = body(alert);
        } catch (RuntimeException ex) {
            log.warn("Alert {} not sent to the webhook: {}", alert.id(), ex.toString());
            return;
        }
        attempt(alert, body, 1);
    }

    /** The JSON body: Slack's {@code text}, and the alert's fields. */
    String body(Alert alert) {
        String headline =
                articles.anyById(alert.articleId()).map(Article::headline).orElse("(deleted)");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text(alert, headline));
        message.put("id", alert.id());
        message.put("kind", alert.kind().name());
        message.put("articleId", GlobalId.encode("Article", alert.articleId()));
        message.put("headline", headline);
        message.put("readersPerMinute", round(alert.readersPerMinute()));
        message.put("threshold", round(alert.threshold()));
        message.put("raisedAt", alert.raisedAt().toInstant().toString());
        return json.writeValueAsString(message);
    }

    private static String text(Alert alert, String headline) {
        String what = switch (alert.kind()) {
            case SPIKE -> "Spike";
            case STILL_RISING -> "Still rising";
            case BACK_RISING -> "Back rising";
        };
        return String.format(
                Locale.ROOT,
                "%s: \"%s\", %.0f readers per minute (threshold %.0f)",
                what,
                headline,
                alert.readersPerMinute(),
                alert.threshold());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private void attempt(Alert alert, String body, int attempt) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP, timestamp)
                .header(WebhookSignature.SIGNATURE, WebhookSignature.of(settings.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String failed = failure != null
                    ? failure.toString()
                    : response.statusCode() / 100 != 2 ? "status " + response.statusCode() : null;
            if (failed != null) {
                retry(alert, body, attempt, failed);
            }
        });
    }

    private void retry(Alert alert, String body, int attempt, String failure) {
        if (attempt >= settings.attempts()) {
            log.warn("Alert {} to the webhook gave up after {} attempts ({})", alert.id(), attempt, failure);
            return;
        }
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(20, attempt - 1));
        log.debug("Alert {} to the webhook attempt {} failed ({}); next in {}", alert.id(), attempt, failure, wait);
        try {
            retries.schedule(() -> attempt(alert, body, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ex) {
            // shutting down
        }
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
