package news.graphql;

import graphql.ExecutionResult;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
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
 * When the service stops, every open stream ends with a retryable UNAVAILABLE error and {@code complete}, before the
 * web server's graceful shutdown (which an open stream would hold for its whole allowance); one asked for meanwhile is
 * answered 503.
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
final class SseHandler extends GraphQlSseHandler implements SmartLifecycle, DisposableBean {

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

    /** The streams open now. */
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();

    /**
     * False once the service stops: open streams are ended, new ones refused. True from the start, so the web server,
     * which starts before this handler's lifecycle, never answers a stream as stopping.
     */
    private volatile boolean running = true;

    /** {@code streams} null: streams are not counted. */
    SseHandler(WebGraphQlHandler handler, Duration timeout, Duration keepAlive, SseStreams streams) {
        super(handler, timeout, keepAlive);
        this.streams = streams;
        this.timeout = timeout;
        this.keepAlive = keepAlive;
    }

    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        if (!running) {
            return refusal(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "1",
                    "The service is stopping: send the request again (another instance, or this one once it is back,"
                            + " answers).",
                    "UNAVAILABLE");
        }
        SseStreams.Admission admission = admit(request);
        if (admission.refusal() != null) {
            return refusal(HttpStatus.TOO_MANY_REQUESTS, "10", admission.refusal(), TOO_MANY_CONNECTIONS);
        }
        request.attributes().put(Transports.SSE, Boolean.TRUE);
        request.attributes().put(ADMISSION, admission);
        try {
            return super.handleRequest(request);
        } catch (ServletException | RuntimeException ex) {
            admission.release();
            ServerResponse refused = unreadable(ex);
            if (refused == null) {
                throw ex;
            }
            return refused;
        }
    }

    /**
     * A stream refused before anything runs: the status, {@code Retry-After} (when retrying may help) and a
     * GraphQL-shaped JSON error.
     */
    private static ServerResponse refusal(HttpStatus status, String retryAfter, String message, String code) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "errors",
                        List.of(Map.of(
                                "message", message, "extensions", Map.of("code", code, "classification", code)))));
    }

    /**
     * A request whose body Spring's handler could not read, answered as a plain POST answers it (the same status,
     * {@code extensions.code} and message), instead of Spring's error page without a code; null for any other failure.
     */
    private static ServerResponse unreadable(Exception ex) {
        if (ex instanceof HttpMessageNotReadableException) {
            return refusal(HttpStatus.BAD_REQUEST, null, "The request body is not valid JSON.", "BAD_REQUEST");
        }
        if (ex instanceof ServerWebInputException) {
            return refusal(
                    HttpStatus.BAD_REQUEST,
                    null,
                    "The request needs a 'query' (a string), and 'operationName' and 'variables' of their types.",
                    "BAD_REQUEST");
        }
        if (ex instanceof HttpMediaTypeNotSupportedException || ex instanceof UnsupportedMediaTypeStatusException) {
            return refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    null,
                    "A GraphQL request over Server-Sent Events must have Content-Type: application/json.",
                    "UNSUPPORTED_MEDIA_TYPE");
        }
        return null;
    }

    private SseStreams.Admission admit(ServerRequest request) {
        if (streams == null) {
            return SseStreams.Admission.uncounted();
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
        return ServerResponse.sse(sse -> register(sse, results, admission), timeout);
    }

    private void register(
            ServerResponse.SseBuilder sse, Flux<Map<String, Object>> results, SseStreams.Admission admission) {
        AtomicReference<SseStream> self = new AtomicReference<>();
        SseStream stream = SseStream.start(sse, results, senders, timer, keepAlive, () -> {
            admission.release();
            SseStream ended = self.get();
            if (ended != null) {
                open.remove(ended);
            }
        });
        self.set(stream);
        open.add(stream);
        if (stream.ended()) {
            open.remove(stream);
        }
        if (!running) {
            stream.stop();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream with a retryable error before the web server's graceful shutdown: an open stream is a
     * request in progress, which held every shutdown for its whole allowance
     * ({@code spring.lifecycle.timeout-per-shutdown-phase}) and then ended the stream without a word.
     */
    @Override
    public void stop() {
        running = false;
        open.forEach(SseStream::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Open streams now. */
    int openStreams() {
        return open.size();
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

    private static ThreadFactory daemons(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
