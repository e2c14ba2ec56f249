package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * How one Server-Sent Events stream writes: never on the thread that produces its results, with a bounded number of
 * results waiting for a client that does not read, the response opened by a comment before any result, and its end
 * (complete, failure of a write, or the client gone) reported once.
 */
class SseStreamTest {

    private final ExecutorService senders = Executors.newCachedThreadPool();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        senders.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void aClientThatDoesNotRead_neverHoldsTheProducingThread_andAtMostPendingResultsWaitForIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        Recorder sse = new Recorder();
        sse.blockOnData = reading;
        Sinks.Many<Map<String, Object>> results = Sinks.many().multicast().directBestEffort();
        AtomicInteger ends = new AtomicInteger();
        SseStream stream = SseStream.start(sse, results.asFlux(), senders, timer, null, ends::incrementAndGet);

        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            results.tryEmitNext(Map.of("data", Map.of("n", i)));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis)
                .as("announcing 1,000 results to a client that does not read")
                .isLessThan(1_000);
        // One result is being written (the write blocks), PENDING wait, the others are not taken.
        assertThat(stream.missed()).isBetween(1_000L - SseStream.PENDING - 1, 1_000L - SseStream.PENDING);

        reading.countDown();
        results.tryEmitComplete();
        assertThat(sse.completed.await(5, TimeUnit.SECONDS)).isTrue();
        List<String> writes = new ArrayList<>(sse.writes);
        assertThat(writes.get(0)).as("the first write is a comment").isEqualTo("comment:");
        assertThat(writes.stream().filter(w -> w.startsWith("data:{data=")).count())
                .isEqualTo(1_000 - stream.missed());
        assertThat(writes).last().isEqualTo("data:");
        assertThat(writes.get(writes.size() - 2)).isEqualTo("event:complete");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ends.get() == 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(ends.get()).isEqualTo(1);
    }

    @Test
    void theResponseOpensWithAComment_atOnce_notAtTheFirstEventOrKeepAlive() throws Exception {
        Recorder sse = new Recorder();
        SseStream.start(sse, Flux.never(), senders, timer, Duration.ofHours(1), () -> {});
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sse.writes.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(sse.writes).containsExactly("comment:", "send");
    }

    @Test
    void keepAlivesFollowWithoutEvents() throws Exception {
        Recorder sse = new Recorder();
        AtomicInteger ends = new AtomicInteger();
        SseStream.start(sse, Flux.never(), senders, timer, Duration.ofMillis(100), ends::incrementAndGet);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sse.writes.stream().filter("send"::equals).count() < 3 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(sse.writes).startsWith("comment:", "send");
        assertThat(sse.writes.stream().filter("send"::equals).count()).isGreaterThanOrEqualTo(3);
        assertThat(sse.writes).doesNotContain("event:next");
        assertThat(ends.get()).isZero();
    }

    @Test
    void aWriteThatFails_endsTheStreamOnce_andCancelsTheResults() throws Exception {
        Recorder sse = new Recorder();
        sse.failOnData = true;
        AtomicInteger ends = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        Sinks.Many<Map<String, Object>> results = Sinks.many().multicast().directBestEffort();
        SseStream.start(
                sse,
                results.asFlux().doOnCancel(cancelled::incrementAndGet),
                senders,
                timer,
                Duration.ofMillis(50),
                ends::incrementAndGet);
        results.tryEmitNext(Map.of("data", Map.of()));
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ends.get() == 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertThat(ends.get()).isEqualTo(1);
        assertThat(cancelled.get()).isEqualTo(1);
        assertThat(sse.errors).hasSize(1);
        assertThat(results.currentSubscriberCount()).isZero();
        // The client is gone: the keep-alive writes nothing more.
        int writes = sse.writes.size();
        Thread.sleep(200);
        assertThat(sse.writes).hasSize(writes);
    }

    @Test
    void stopping_writesARetryableUnavailableErrorAfterWhatIsQueued_thenComplete() throws Exception {
        Recorder sse = new Recorder();
        AtomicInteger ends = new AtomicInteger();
        Sinks.Many<Map<String, Object>> results = Sinks.many().multicast().directBestEffort();
        SseStream stream = SseStream.start(sse, results.asFlux(), senders, timer, null, ends::incrementAndGet);
        results.tryEmitNext(Map.of("data", Map.of("n", 1)));
        stream.stop();
        assertThat(sse.completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sse.writes)
                .containsSubsequence(
                        "comment:",
                        "event:next",
                        "data:{data={n=1}}",
                        "event:next",
                        "data:" + SseStream.STOPPING,
                        "event:complete");
        assertThat(SseStream.STOPPING.toString()).contains("code=UNAVAILABLE").contains("retryAfterSeconds=1");
        assertThat(results.currentSubscriberCount()).isZero();
    }

    @Test
    void theClientGoingAway_endsTheStreamOnce() throws Exception {
        Recorder sse = new Recorder();
        AtomicInteger ends = new AtomicInteger();
        Sinks.Many<Map<String, Object>> results = Sinks.many().multicast().directBestEffort();
        SseStream.start(sse, results.asFlux(), senders, timer, Duration.ofMillis(50), ends::incrementAndGet);
        sse.onComplete.run();
        sse.onComplete.run();
        assertThat(ends.get()).isEqualTo(1);
        assertThat(results.currentSubscriberCount()).isZero();
    }

    /** Records what a stream writes, as the lines of its calls. */
    private static final class Recorder implements ServerResponse.SseBuilder {

        final List<String> writes = new CopyOnWriteArrayList<>();

        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        final CountDownLatch completed = new CountDownLatch(1);

        volatile CountDownLatch blockOnData;

        volatile boolean failOnData;

        Runnable onComplete = () -> {};

        @Override
        public void send(Object object) throws IOException {
            data(object);
        }

        @Override
        public void send() {
            writes.add("send");
        }

        @Override
        public ServerResponse.SseBuilder id(String id) {
            return this;
        }

        @Override
        public ServerResponse.SseBuilder event(String eventName) {
            writes.add("event:" + eventName);
            return this;
        }

        @Override
        public ServerResponse.SseBuilder retry(Duration duration) {
            return this;
        }

        @Override
        public ServerResponse.SseBuilder comment(String comment) {
            writes.add("comment:" + comment);
            return this;
        }

        @Override
        public void data(Object object) throws IOException {
            if (failOnData) {
                throw new IOException("Broken pipe");
            }
            writes.add("data:" + object);
            CountDownLatch latch = blockOnData;
            if (latch != null) {
                try {
                    latch.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void error(Throwable t) {
            errors.add(t);
        }

        @Override
        public void complete() {
            completed.countDown();
        }

        @Override
        public ServerResponse.SseBuilder onTimeout(Runnable onTimeout) {
            return this;
        }

        @Override
        public ServerResponse.SseBuilder onError(Consumer<Throwable> onError) {
            return this;
        }

        @Override
        public ServerResponse.SseBuilder onComplete(Runnable onCompletion) {
            this.onComplete = onCompletion;
            return this;
        }
    }
}
