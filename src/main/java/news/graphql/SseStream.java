package news.graphql;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.function.ServerResponse.SseBuilder;
import reactor.core.publisher.BaseSubscriber;

/**
 * One operation's answers over Server-Sent Events: each result a {@code next} event, then {@code complete}; an error
 * that ends the stream is a last {@code next} with that error, then {@code complete}. A comment goes out at once, so
 * the client has the response (status and headers) before the first event, which for a subscription may be hours
 * away; another follows every keep-alive interval without events.
 * <p>
 * Nothing is written on the thread that produces a result: for a subscription that is the thread announcing an
 * article to thousands of readers, and a client that stops reading would hold it, and every reader after it, until the
 * socket's write timeout. Results are queued and written by a sender thread, one write at a time per stream. At most
 * {@link #PENDING} results wait for a client that is not reading; one arriving while they wait is not taken (the
 * client misses it, as a WebSocket reader too slow to take an announcement does). A client that has gone is noticed
 * at the next write, at the latest the next keep-alive, and the stream then ends and lets its place go.
 */
final class SseStream extends BaseSubscriber<Map<String, Object>> {

    /** Results that may wait to be written to one client. */
    static final int PENDING = 32;

    /** Queued: a comment (the first write, and the keep-alive). */
    private static final Object COMMENT = new Object();

    /** Queued: the operation has no more results. */
    private static final Object COMPLETE = new Object();

    /** Queued: the operation failed; written as its last result. */
    private record Failure(Throwable error) {}

    /** Queued: the request's time ran out ({@code spring.graphql.http.sse.timeout}). */
    private record Timeout() {}

    /** Queued: the service is stopping; the client is told to subscribe again. */
    private record Stopping() {}

    /** The last result of a stream ended because the service stops: retryable, as an unreachable database is. */
    static final Map<String, Object> STOPPING = Map.of(
            "errors",
            List.of(Map.of(
                    "message",
                    "The service is stopping: subscribe again (another instance, or this one once it is back, answers).",
                    "extensions",
                    Map.of(
                            "code",
                            "UNAVAILABLE",
                            "classification",
                            "UNAVAILABLE",
                            "retryable",
                            true,
                            "retryAfterSeconds",
                            1))));

    private final SseBuilder sse;

    private final Executor senders;

    private final Runnable onEnd;

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();

    /** Results queued and not yet written. */
    private final AtomicInteger waiting = new AtomicInteger();

    /** Work-in-progress count of the sending loop: it runs on one sender thread at a time. */
    private final AtomicInteger sending = new AtomicInteger();

    private final AtomicBoolean ended = new AtomicBoolean();

    /** Results not taken because {@link #PENDING} were waiting. */
    private final AtomicLong missed = new AtomicLong();

    /** Whether an event was written since the last keep-alive tick. */
    private volatile boolean written;

    /** Set once {@code complete} or an error has been written: nothing more is. */
    private boolean finished;

    private volatile ScheduledFuture<?> keepAlive;

    private SseStream(SseBuilder sse, Executor senders, Runnable onEnd) {
        this.sse = sse;
        this.senders = senders;
        this.onEnd = onEnd;
    }

    /**
     * Starts writing {@code results} to {@code sse}: the first comment at once, a comment every {@code keepAlive}
     * (none if null) without events; {@code onEnd} runs once when the stream ends, however it ends.
     */
    static SseStream start(
            SseBuilder sse,
            Publisher<Map<String, Object>> results,
            Executor senders,
            ScheduledExecutorService timer,
            Duration keepAlive,
            Runnable onEnd) {
        SseStream stream = new SseStream(sse, senders, onEnd);
        sse.onTimeout(() -> stream.enqueue(new Timeout()));
        sse.onError(error -> stream.end());
        sse.onComplete(stream::end);
        stream.enqueue(COMMENT);
        if (keepAlive != null && !keepAlive.isZero() && !keepAlive.isNegative()) {
            long every = keepAlive.toMillis();
            stream.keepAlive = timer.scheduleAtFixedRate(stream::tick, every, every, TimeUnit.MILLISECONDS);
            if (stream.ended.get()) {
                stream.keepAlive.cancel(false);
            }
        }
        results.subscribe(stream);
        return stream;
    }

    /** Results not taken so far because the client was not reading. */
    long missed() {
        return missed.get();
    }

    /** Whether the stream has ended (its place given back). */
    boolean ended() {
        return ended.get();
    }

    /**
     * Ends the stream because the service stops: after what is queued, a last result with a retryable UNAVAILABLE
     * error, then {@code complete}, so the client subscribes again rather than take the end for a network failure.
     */
    void stop() {
        enqueue(new Stopping());
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        if (ended.get()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    protected void hookOnNext(Map<String, Object> result) {
        if (waiting.incrementAndGet() > PENDING) {
            waiting.decrementAndGet();
            missed.incrementAndGet();
            return;
        }
        enqueue(result);
    }

    @Override
    protected void hookOnError(Throwable error) {
        enqueue(new Failure(error));
    }

    @Override
    protected void hookOnComplete() {
        enqueue(COMPLETE);
    }

    private void tick() {
        if (!written) {
            enqueue(COMMENT);
        }
        written = false;
    }

    private void enqueue(Object item) {
        if (ended.get()) {
            return;
        }
        queue.add(item);
        if (sending.getAndIncrement() == 0) {
            try {
                senders.execute(this::send);
            } catch (RejectedExecutionException ex) {
                // The application is stopping.
                end();
            }
        }
    }

    /** Writes what is queued, in order; runs on one sender thread at a time. */
    private void send() {
        int missing = 1;
        while (true) {
            Object item;
            while ((item = queue.poll()) != null) {
                if (!finished) {
                    write(item);
                }
            }
            missing = sending.addAndGet(-missing);
            if (missing == 0) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void write(Object item) {
        try {
            if (item == COMMENT) {
                sse.comment("");
                sse.send();
            } else if (item == COMPLETE) {
                finish();
            } else if (item instanceof Failure failure) {
                Throwable error = ErrorCodes.ending(failure.error());
                event(((SubscriptionPublisherException) error).toMap());
                finish();
            } else if (item instanceof Stopping) {
                event(STOPPING);
                finish();
            } else if (item instanceof Timeout) {
                finished = true;
                end();
                sse.error(new AsyncRequestTimeoutException());
            } else {
                waiting.decrementAndGet();
                event((Map<String, Object>) item);
            }
        } catch (IOException | RuntimeException ex) {
            // The client has gone (or its connection failed): nothing more can reach it.
            finished = true;
            end();
            sse.error(ex);
        }
    }

    private void event(Map<String, Object> result) throws IOException {
        sse.event("next");
        sse.data(result);
        written = true;
    }

    private void finish() throws IOException {
        finished = true;
        sse.event("complete").data("");
        // Ended before the response completes: a client that sees the end finds the stream's place given back.
        end();
        sse.complete();
    }

    /** Once: stops taking results and keep-alives, and lets the stream's place go. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        dispose();
        ScheduledFuture<?> ticks = keepAlive;
        if (ticks != null) {
            ticks.cancel(false);
        }
        queue.clear();
        onEnd.run();
    }
}
