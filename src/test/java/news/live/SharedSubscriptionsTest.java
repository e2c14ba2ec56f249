package news.live;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The pace at which one shared execution hands an event to its readers ({@code news.live.fan-out-per-second}), with
 * the GraphQL execution replaced by a source of events; {@code ArticlePublishedTest} covers the sharing itself over
 * real WebSockets.
 */
class SharedSubscriptionsTest {

    @Test
    void anEvent_isHandedToTheReadersOfOneExecution_atMostAtTheConfiguredRate() throws Exception {
        Sinks.Many<ExecutionResult> events = Sinks.many().multicast().directBestEffort();
        AtomicInteger executions = new AtomicInteger();
        ExecutionGraphQlService service = request -> {
            executions.incrementAndGet();
            return Mono.just(new DefaultExecutionGraphQlResponse(
                    request.toExecutionInput(),
                    ExecutionResult.newExecutionResult().data(events.asFlux()).build()));
        };
        SharedSubscriptions shared = new SharedSubscriptions(service, 1, 1000);
        int readers = 400;
        CountDownLatch received = new CountDownLatch(readers);
        for (int i = 0; i < readers; i++) {
            ExecutionGraphQlResponse response = shared.execute(request("r" + i)).block(Duration.ofSeconds(5));
            Publisher<ExecutionResult> answers = response.getData();
            Flux.from(answers).subscribe(answer -> received.countDown());
        }
        assertThat(executions).as("one execution for all the readers").hasValue(1);
        assertThat(shared.running()).isEqualTo(1);

        long start = System.nanoTime();
        events.tryEmitNext(
                ExecutionResult.newExecutionResult().data(Map.of("n", 1)).build());
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
        // 400 readers at 1,000 a second: the last one no sooner than 0.399 s after the first.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(399));
    }

    @Test
    void readersWhoseExecutionsRaced_joinTheOneThatRuns_andTheOtherNeverStarts() throws Exception {
        Sinks.Many<ExecutionResult> events = Sinks.many().multicast().directBestEffort();
        AtomicInteger started = new AtomicInteger();
        ExecutionGraphQlService service = request -> Mono.just(new DefaultExecutionGraphQlResponse(
                request.toExecutionInput(),
                ExecutionResult.newExecutionResult()
                        .data(events.asFlux().doOnSubscribe(subscription -> started.incrementAndGet()))
                        .build()));
        SharedSubscriptions shared = new SharedSubscriptions(service, 1, 1000);
        // Both execute before either subscribes: neither finds a running group, each gets an execution of its own.
        ExecutionGraphQlResponse first = shared.execute(request("r1")).block(Duration.ofSeconds(5));
        ExecutionGraphQlResponse second = shared.execute(request("r2")).block(Duration.ofSeconds(5));
        CountDownLatch received = new CountDownLatch(2);
        Flux.from(first.<Publisher<ExecutionResult>>getData()).subscribe(answer -> received.countDown());
        Flux.from(second.<Publisher<ExecutionResult>>getData()).subscribe(answer -> received.countDown());

        assertThat(started).as("executions subscribed to").hasValue(1);
        assertThat(shared.running()).isEqualTo(1);
        assertThat(shared.subscribers()).isEqualTo(2);
        events.tryEmitNext(
                ExecutionResult.newExecutionResult().data(Map.of("n", 1)).build());
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static WebSocketGraphQlRequest request(String id) {
        Map<String, Object> attributes = new HashMap<>();
        WebSocketSessionInfo session = new WebSocketSessionInfo() {
            @Override
            public String getId() {
                return "session-" + id;
            }

            @Override
            public Map<String, Object> getAttributes() {
                return attributes;
            }

            @Override
            public URI getUri() {
                return URI.create("ws://localhost/graphql-ws");
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }

            @Override
            public Mono<Principal> getPrincipal() {
                return Mono.empty();
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return null;
            }
        };
        return new WebSocketGraphQlRequest(
                URI.create("ws://localhost/graphql-ws"),
                new HttpHeaders(),
                null,
                null,
                attributes,
                Map.of("query", "subscription { articlePublished { id } }"),
                id,
                null,
                session);
    }
}
