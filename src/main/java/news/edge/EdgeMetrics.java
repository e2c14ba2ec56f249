package news.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The edge's meters. Operation names come from clients, so only the first {@code maxOperationNames} distinct well-formed
 * names get series of their own; every later one, and anything that is not a GraphQL name, is {@code other}.
 */
final class EdgeMetrics {

    static final String OTHER = "other";

    static final String ANONYMOUS = "anonymous";

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final MeterRegistry registry;

    private final int maxNames;

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    private final Counter notModified;

    private final Counter publicAnswers;

    private final Counter privateAnswers;

    private final Counter cacheHits;

    private final Counter cacheMisses;

    EdgeMetrics(MeterRegistry registry, int maxNames) {
        this.registry = registry;
        this.maxNames = maxNames;
        this.notModified = cacheCounter(registry, "not_modified");
        this.publicAnswers = cacheCounter(registry, "full");
        this.privateAnswers = cacheCounter(registry, "private");
        this.cacheHits = responseCacheCounter(registry, "hit");
        this.cacheMisses = responseCacheCounter(registry, "miss");
    }

    private static Counter cacheCounter(MeterRegistry registry, String status) {
        return Counter.builder("news.edge.get.responses")
                .description("GET answers by cache status: not_modified (304), full (a body sent), private")
                .tag("status", status)
                .register(registry);
    }

    private static Counter responseCacheCounter(MeterRegistry registry, String result) {
        return Counter.builder("news.edge.response.cache")
                .description("Anonymous GETs looked up in the origin's response cache: hit (nothing executed) or miss")
                .tag("result", result)
                .register(registry);
    }

    void responseCache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    void notModified() {
        notModified.increment();
    }

    void fullAnswer(boolean isPrivate) {
        (isPrivate ? privateAnswers : publicAnswers).increment();
    }

    /** One measurement per request: its time and whether it answered errors. */
    void operation(String operationName, long nanos, boolean errors) {
        Timer.builder("news.graphql.operation")
                .description("GraphQL requests by operation name (bounded; others as 'other')")
                .tag("operation", operationTag(operationName))
                .tag("outcome", errors ? "error" : "success")
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    String operationTag(String name) {
        if (name == null || name.isEmpty()) {
            return ANONYMOUS;
        }
        if (names.contains(name)) {
            return name;
        }
        if (!NAME.matcher(name).matches()) {
            return OTHER;
        }
        synchronized (names) {
            if (names.size() < maxNames) {
                names.add(name);
                return name;
            }
        }
        return names.contains(name) ? name : OTHER;
    }
}
