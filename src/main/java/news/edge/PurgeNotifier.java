package news.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.support.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces a purge after every committed newsroom write of this instance, and every scheduled article falling due
 * (other instances' writes are purged by the instance that made them): a {@link CachePurge} event, a log line, and a
 * request to each target that is set, the signed webhook and every Varnish host. It is the
 * {@link AfterCommitStep.Stage#PURGE} step: it names the keys the response cache has just dropped
 * ({@link CommittedChange#keys()}, read once per change), and only queues the requests, so a slow or absent target
 * never touches the write.
 *
 * <p>Every target has its own queue and sends without blocking a thread: up to {@code concurrency} requests at once,
 * the newest purge first, and the purges waiting when a request slot frees up go out merged into one request (up to
 * {@code max-keys-per-request} keys). A failed request is retried after a doubling wait, each of its purges with its
 * own count of attempts, and meanwhile newer purges go out as usual; a purge is given up with a warning after
 * {@code attempts}. A stalled target therefore delays nothing but its own retries.
 *
 * <p>The webhook receives {@code {"keys": [...], "reason": "ARTICLE 42", "at": "2024-05-01T10:00:00Z"}} (for a merged
 * request, the reasons joined by {@code ", "}) with the headers {@code X-News-Timestamp} (epoch seconds) and
 * {@code X-News-Signature: sha256=<hex>}, the HMAC-SHA256 of {@code timestamp + "." + body} under
 * {@code news.edge.purge.webhook-secret}. A Varnish host receives {@code PURGE /} with {@code xkey-purge: <keys>}
 * (space-separated), as the VCL in {@code src/main/resources/varnish/news.vcl} expects.
 */
final class PurgeNotifier implements AfterCommitStep, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PurgeNotifier.class);

    static final String SIGNATURE = WebhookSignature.SIGNATURE;

    static final String TIMESTAMP = WebhookSignature.TIMESTAMP;

    /** The header naming the keys of a {@code PURGE} to Varnish. */
    static final String XKEY_PURGE = "xkey-purge";

    private final ApplicationEventPublisher events;

    private final EdgeProperties.Purge settings;

    private final JsonMapper json;

    private final HttpClient http;

    private final List<Target> targets = new ArrayList<>();

    /** Orders purges: a higher number is a newer purge. */
    private final AtomicLong sequence = new AtomicLong();

    /** Puts failed purges back in their queue when their wait is over. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cache-purge-retry");
        thread.setDaemon(true);
        return thread;
    });

    PurgeNotifier(ApplicationEventPublisher events, EdgeProperties settings, JsonMapper json) {
        this.events = events;
        this.settings = settings.purge();
        this.json = json;
        URI webhook = this.settings.webhook();
        if (webhook != null) {
            targets.add(new Target("webhook " + webhook, batch -> webhookRequest(webhook, batch)));
        }
        for (URI varnish : this.settings.varnish()) {
            targets.add(new Target("varnish " + varnish, batch -> varnishRequest(varnish, batch)));
        }
        // Built only with a target to purge: a client loads the JDK's trusted certificates, 160 to 175 ms of
        // the start in a fresh JVM on two cores.
        this.http = targets.isEmpty()
                ? null
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(this.settings.timeout())
                        .build();
    }

    @Override
    public Stage stage() {
        return Stage.PURGE;
    }

    @Override
    public void apply(CommittedChange change) {
        // Other instances' writes are purged by the instance that made them.
        if (!change.madeHere()) {
            return;
        }
        try {
            List<String> affected = change.keys();
            if (affected.isEmpty()) {
                return;
            }
            CachePurge purge = new CachePurge(
                    affected, change.change().kind() + " " + change.change().id());
            log.info("Cache purge ({}): {}", purge.reason(), String.join(" ", purge.keys()));
            events.publishEvent(purge);
            long number = sequence.incrementAndGet();
            Instant at = Instant.now();
            for (Target target : targets) {
                target.offer(new Pending(number, purge, at, 0));
            }
        } catch (RuntimeException ex) {
            log.warn("Cache purge for {} failed: {}", change.change(), ex.toString());
        }
    }

    /** A purge waiting for its target, with the attempts it has had. */
    private record Pending(long number, CachePurge purge, Instant at, int attempts) {}

    /** Purges sent together in one request. */
    private record Batch(List<Pending> purges, Set<String> keys) {

        String reason() {
            List<String> reasons = new ArrayList<>();
            for (Pending pending : purges) {
                if (!reasons.contains(pending.purge().reason())) {
                    reasons.add(pending.purge().reason());
                }
            }
            return String.join(", ", reasons);
        }

        /** When the newest of its purges was made: a retry of the same purges has the same body. */
        Instant at() {
            return purges.stream().map(Pending::at).max(Instant::compareTo).orElseThrow();
        }
    }

    private interface RequestFor {
        HttpRequest of(Batch batch);
    }

    /** One target's queue of purges: newest first, merged while waiting, a bounded number of requests at once. */
    private final class Target {

        private final String name;

        private final RequestFor requests;

        /** Purges waiting to be sent, by number: the last is the newest. */
        private final TreeMap<Long, Pending> waiting = new TreeMap<>();

        private int inFlight;

        Target(String name, RequestFor requests) {
            this.name = name;
            this.requests = requests;
        }

        void offer(Pending pending) {
            synchronized (this) {
                waiting.put(pending.number(), pending);
                while (waiting.size() > Math.max(1, settings.maxPending())) {
                    Pending dropped = waiting.pollFirstEntry().getValue();
                    log.warn(
                            "Purge to {} dropped, too many waiting: {}",
                            name,
                            dropped.purge().keys());
                }
            }
            drain();
        }

        private void drain() {
            List<Batch> toSend = new ArrayList<>();
            synchronized (this) {
                while (inFlight < Math.max(1, settings.concurrency()) && !waiting.isEmpty()) {
                    toSend.add(take());
                    inFlight++;
                }
            }
            toSend.forEach(this::send);
        }

        /** The newest waiting purge, with as many other waiting ones (newest first) as fit under the key bound. */
        private Batch take() {
            List<Pending> purges = new ArrayList<>();
            Set<String> merged = new LinkedHashSet<>();
            Iterator<Pending> newestFirst = waiting.descendingMap().values().iterator();
            while (newestFirst.hasNext()) {
                Pending pending = newestFirst.next();
                Set<String> with = new LinkedHashSet<>(merged);
                with.addAll(pending.purge().keys());
                if (!purges.isEmpty() && with.size() > settings.maxKeysPerRequest()) {
                    continue;
                }
                purges.add(pending);
                merged = with;
                newestFirst.remove();
            }
            return new Batch(purges, merged);
        }

        private void send(Batch batch) {
            HttpRequest request;
            try {
                request = requests.of(batch);
            } catch (RuntimeException ex) {
                done(batch, ex.toString());
                return;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    done(batch, failure.toString());
                } else if (response.statusCode() / 100 != 2) {
                    done(batch, "status " + response.statusCode());
                } else {
                    done(batch, null);
                }
            });
        }

        private void done(Batch batch, String failure) {
            synchronized (this) {
                inFlight--;
            }
            if (failure != null) {
                for (Pending pending : batch.purges()) {
                    retry(pending, failure);
                }
            }
            drain();
        }

        private void retry(Pending pending, String failure) {
            int attempts = pending.attempts() + 1;
            if (attempts >= settings.attempts()) {
                log.warn(
                        "Purge to {} gave up after {} attempts ({}): {}",
                        name,
                        attempts,
                        failure,
                        pending.purge().keys());
                return;
            }
            Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(20, attempts - 1));
            log.debug("Purge to {} attempt {} failed ({}); next in {}", name, attempts, failure, wait);
            try {
                retries.schedule(
                        () -> offer(new Pending(pending.number(), pending.purge(), pending.at(), attempts)),
                        wait.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException ex) {
                // shutting down
            }
        }
    }

    private HttpRequest webhookRequest(URI webhook, Batch batch) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("keys", List.copyOf(batch.keys()));
        message.put("reason", batch.reason());
        message.put("at", batch.at().toString());
        String body = json.writeValueAsString(message);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(webhook)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, WebhookSignature.of(settings.webhookSecret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest varnishRequest(URI varnish, Batch batch) {
        return HttpRequest.newBuilder(varnish)
                .timeout(settings.timeout())
                .header(XKEY_PURGE, String.join(" ", batch.keys()))
                .method("PURGE", HttpRequest.BodyPublishers.noBody())
                .build();
    }

    /** Lowercase hex HMAC-SHA256 of {@code text} under {@code secret} (see {@link WebhookSignature}). */
    static String sign(String secret, String text) {
        return WebhookSignature.hmac(secret, text);
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
