package news.live;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import news.security.Editors;
import org.dataloader.DataLoader;
import org.reactivestreams.Publisher;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One execution for every reader subscribed to the same thing: the readers' WebSocket subscriptions with the same
 * document, operation name, variables and extensions share one GraphQL subscription per {@link PublishedArticles
 * shard}, whose answer to each event is made once and handed to all of them. Without it, ten thousand readers of
 * {@code articlePublished} meant ten thousand executions of the same selection on the same article at every publish.
 * <p>
 * Only connections without any editor's token share ({@link Editors#noneOn}): a reader's answer depends on nothing but
 * what was asked, while an editor's depends on the token (its rights, its expiry). Every subscriber is still a
 * subscription of its own to the handler and to the interceptors in front of this service (the connection's limits,
 * the error codes, {@code complete}); only the execution is shared. The first subscriber of a group runs the
 * execution, so it also meets every refusal (validation, limits, unknown persisted documents), and a document that is
 * refused never forms a group. Each event is handed to the subscribers at a bounded pace
 * ({@code news.live.fan-out-per-second}), and a subscriber too slow to take it misses it, as with the shard it would
 * otherwise read. The execution ends when its last subscriber leaves; one who arrives after that runs a new one. What
 * its data loaders read is dropped after every event, so a long-running group serves what the next event reads.
 * <p>
 * Queries, mutations, Server-Sent Events and editors' connections pass through to the service unchanged.
 */
final class SharedSubscriptions implements ExecutionGraphQlService {

    /** GraphQL context key: the shard ({@code Integer}) whose announcements the execution of a group reads. */
    static final String SHARD = "news.live.SharedSubscriptions.shard";

    private final ExecutionGraphQlService service;

    private final int shards;

    /** Subscribers one announcing thread hands an event per second ({@code news.live.fan-out-per-second}). */
    private final int perSecond;

    /** The shard the next reader's subscription joins: readers are dealt to the shards in turn. */
    private final AtomicInteger nextShard = new AtomicInteger();

    /** The running groups by what they were asked; guarded by itself. */
    private final Map<Key, Group> groups = new HashMap<>();

    SharedSubscriptions(ExecutionGraphQlService service, int shards, int perSecond) {
        this.service = service;
        this.shards = shards;
        this.perSecond = perSecond;
    }

    @Override
    public Mono<ExecutionGraphQlResponse> execute(ExecutionGraphQlRequest request) {
        if (!(request instanceof WebSocketGraphQlRequest socket) || !Editors.noneOn(socket.getSessionInfo())) {
            return service.execute(request);
        }
        Key key = new Key(
                Math.floorMod(nextShard.getAndIncrement(), shards),
                request.getDocument(),
                request.getOperationName(),
                request.getVariables(),
                request.getExtensions());
        Group running;
        synchronized (groups) {
            running = groups.get(key);
        }
        if (running != null) {
            ExecutionInput input = request.toExecutionInput();
            return Mono.just(answer(input, ExecutionResult.newExecutionResult().build(), running.subscriber(request)));
        }
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(SHARD, key.shard())).build());
        return service.execute(request).map(response -> {
            if (!(response.getExecutionResult().getData() instanceof Publisher<?> events)) {
                return response;
            }
            @SuppressWarnings("unchecked")
            Group group = new Group(key, (Publisher<ExecutionResult>) events, response.getExecutionInput());
            return answer(response.getExecutionInput(), response.getExecutionResult(), group.subscriber(request));
        });
    }

    /** How many executions run for readers' subscriptions now (a group per distinct subscription and shard). */
    int running() {
        synchronized (groups) {
            return groups.size();
        }
    }

    /** How many readers' subscriptions those executions serve now. */
    int subscribers() {
        synchronized (groups) {
            int count = 0;
            for (Group group : groups.values()) {
                count += group.subscribers.size();
            }
            return count;
        }
    }

    private static ExecutionGraphQlResponse answer(
            ExecutionInput input, ExecutionResult result, Flux<ExecutionResult> events) {
        return new DefaultExecutionGraphQlResponse(input, result.transform(builder -> builder.data(events)));
    }

    /** What a subscription asked, and the shard it reads. */
    private record Key(
            int shard,
            String document,
            String operationName,
            Map<String, Object> variables,
            Map<String, Object> extensions) {}

    /**
     * One execution and its subscribers. It is registered under its key when its first subscriber arrives (so a group
     * whose first answer was refused by an interceptor never holds an execution) and closed for good when its last
     * one leaves or the execution ends.
     */
    private final class Group {

        private final Key key;

        private final Publisher<ExecutionResult> events;

        /** The execution's input, whose data loaders serve every event. */
        private final ExecutionInput input;

        /** Each subscriber's own sink, in the order they came; guarded by {@link #groups}. */
        private final Set<Sinks.Many<ExecutionResult>> subscribers = new LinkedHashSet<>();

        /** Guarded by {@link #groups}. */
        private boolean closed;

        /** Guarded by {@link #groups}. */
        private Disposable execution;

        Group(Key key, Publisher<ExecutionResult> events, ExecutionInput input) {
            this.key = key;
            this.events = events;
            this.input = input;
        }

        /**
         * The events for one subscriber; one who subscribes after the group closed runs the request alone (with a
         * fresh execution, whose refusals it then meets itself).
         */
        Flux<ExecutionResult> subscriber(ExecutionGraphQlRequest request) {
            return Flux.defer(() -> {
                Sinks.Many<ExecutionResult> sink = Sinks.many().multicast().directBestEffort();
                Group joined = join(sink);
                return joined != null
                        ? sink.asFlux().doFinally(signal -> joined.leave(sink))
                        : service.execute(request).flatMapMany(SharedSubscriptions::eventsOf);
            });
        }

        /**
         * Adds the subscriber to this group, starting its execution with the first one, or to the group already
         * running for the same key: two readers asking at once may both execute before either's group is running,
         * and the later one then never starts its own. Null when this group has closed.
         */
        private Group join(Sinks.Many<ExecutionResult> sink) {
            synchronized (groups) {
                Group group = this;
                if (execution == null && !closed) {
                    Group running = groups.get(key);
                    if (running != null) {
                        group = running;
                    }
                }
                if (group.closed) {
                    return null;
                }
                group.subscribers.add(sink);
                if (group.execution == null) {
                    groups.put(key, group);
                    group.execution = Flux.from(group.events).subscribe(group::next, group::failed, group::completed);
                }
                return group;
            }
        }

        private void leave(Sinks.Many<ExecutionResult> sink) {
            Disposable ended;
            synchronized (groups) {
                if (!subscribers.remove(sink) || !subscribers.isEmpty() || closed) {
                    return;
                }
                ended = close();
            }
            ended.dispose();
        }

        /**
         * Hands the event to every subscriber, at most {@link #perSecond} a second: each subscriber's answer is sent
         * from a virtual thread of its connection, which runs on the processors' carrier threads with every HTTP
         * request of the instance; ten thousand of them woken within a few milliseconds held the requests behind them
         * (reads at 46 to 230 ms at p99 during a publish, against 14 to 32 with this pace; see the performance
         * notes). Runs on the announcing thread of the group's shard, never on a request's; the shard's other
         * subscribers wait for it, so the pace holds for the shard as a whole.
         */
        private void next(ExecutionResult result) {
            List<Sinks.Many<ExecutionResult>> now;
            synchronized (groups) {
                now = List.copyOf(subscribers);
            }
            long start = System.nanoTime();
            int perMillisecond = Math.max(1, perSecond / 1000);
            for (int i = 0; i < now.size(); i++) {
                if (i > 0 && i % perMillisecond == 0) {
                    long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                now.get(i).tryEmitNext(result);
            }
            // A group may run for as long as the instance does: what its data loaders read for one event is not kept
            // for the next (a reporter renamed meanwhile is read again).
            input.getDataLoaderRegistry().getDataLoaders().forEach(DataLoader::clearAll);
        }

        private void failed(Throwable failure) {
            for (Sinks.Many<ExecutionResult> sink : ended()) {
                sink.tryEmitError(failure);
            }
        }

        private void completed() {
            for (Sinks.Many<ExecutionResult> sink : ended()) {
                sink.tryEmitComplete();
            }
        }

        private List<Sinks.Many<ExecutionResult>> ended() {
            synchronized (groups) {
                close();
                return List.copyOf(subscribers);
            }
        }

        /** Called holding {@link #groups}; returns the execution to stop. */
        private Disposable close() {
            closed = true;
            groups.remove(key, this);
            return execution;
        }
    }

    @SuppressWarnings("unchecked")
    private static Flux<ExecutionResult> eventsOf(ExecutionGraphQlResponse response) {
        if (response.getExecutionResult().getData() instanceof Publisher<?> events) {
            return Flux.from((Publisher<ExecutionResult>) events);
        }
        return Flux.just(response.getExecutionResult());
    }
}
