package news.graphql;

import graphql.ExecutionResult;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * GraphQL over Server-Sent Events, within the live connections' bounds, answering every operation the protocol
 * allows, and written by {@link SseStream}.
 * <p>
 * Bounds: a stream is admitted as a live connection ({@link SseStreams}), or refused before anything runs with 429,
 * {@code Retry-After: 10} and a JSON error {@code TOO_MANY_CONNECTIONS}, as a WebSocket upgrade over the same bounds.
 * <p>
 * Answers: Spring's handler streams the events of a subscription only: any other answer (an operation refused by
 * parsing, validation, a limit or an admission before it ran, or a query or mutation) it replaced with one error, "SSE
 * handler supports only subscriptions", classified {@code OperationNotSupported} and without {@code extensions.code},
 * which hid the real problem and discarded a mutation's result after it had run. Here such an answer is sent as it
 * is, in one {@code next} event followed by {@code complete} (the protocol's single-result stream): the same data and
 * errors, with the same {@code extensions.code} ({@link ErrorCodes}), as over a plain POST. A failure of the request's
 * handling itself is told as the error that ends a subscription is: INTERNAL_ERROR with its code, logged, never with
 * its details.
 */
final class SseHandler extends GraphQlSseHandler implements DisposableBean {

    /** Request attribute: the stream's admission, released when the stream ends. */
    private static final String ADMISSION = SseHandler.class.getName() + ".admission";

    private static final String TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS";

    private final SseStreams streams;

    private final Duration timeout;

    private final Duration keepAlive;

    /** Writes the streams' events: a thread per stream being written to, idle threads end after a minute. */
    private final ExecutorService senders = Executors.newCachedThreadPool(daemons("sse-send"));

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemons("sse-keep-alive"));

    /** {@code streams} null: streams are not counted. */
    SseHandler(WebGraphQlHandler handler, Duration timeout, Duration keepAlive, SseStreams streams) {
        super(handler, timeout, keepAlive);
        this.streams = streams;
        this.timeout = timeout;
        this.keepAlive = keepAlive;
    }

    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        SseStreams.Admission admission = admit(request);
        if (admission.refusal() != null) {
            String code = TOO_MANY_CONNECTIONS;
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, "10")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "errors",
                            List.of(Map.of(
                                    "message",
                                    admission.refusal(),
                                    "extensions",
                                    Map.of("code", code, "classification", code)))));
        }
        request.attributes().put(Transports.SSE, Boolean.TRUE);
        request.attributes().put(ADMISSION, admission);
        try {
            return super.handleRequest(request);
        } catch (ServletException | RuntimeException ex) {
            admission.release();
            throw ex;
        }
    }

    private SseStreams.Admission admit(ServerRequest request) {
        if (streams == null) {
            return Unbounded.INSTANCE;
        }
        return streams.open(request.remoteAddress().orElse(null));
    }

    @Override
    protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
        SseStreams.Admission admission =
                (SseStreams.Admission) request.attributes().get(ADMISSION);
        Flux<Map<String, Object>> results = responseMono
                .map(SseHandler::asEvents)
                .flatMapMany(response -> Flux.from(response.<Publisher<ExecutionResult>>getData()))
                .map(ExecutionResult::toSpecification);
        return ServerResponse.sse(
                sse -> SseStream.start(sse, results, senders, timer, keepAlive, admission::release), timeout);
    }

    /** A subscription's events as they are; any other answer as a stream of that one result. */
    static WebGraphQlResponse asEvents(WebGraphQlResponse response) {
        if (response.getData() instanceof Publisher<?>) {
            return response;
        }
        ExecutionResult single = response.getExecutionResult();
        return response.transform(builder -> builder.data(Mono.just(single)));
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Without {@link SseStreams}: admitted, not counted. */
    private enum Unbounded implements SseStreams.Admission {
        INSTANCE;

        @Override
        public String refusal() {
            return null;
        }

        @Override
        public void release() {
            // Nothing was counted.
        }
    }
}
