package news.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.Set;

/**
 * The fields resolved by plain data fetchers instead of annotated controller methods, all listed here with the
 * reason. Every other field is an annotated method ({@code @QueryMapping}, {@code @MutationMapping},
 * {@code @SubscriptionMapping}, {@code @SchemaMapping}) of a {@code *Controller}. A feature wires its listed fields in
 * its one {@code *Fields} class through {@link #wire}, which refuses a field that is not listed; {@code WiringTest}
 * fails the build when a data fetcher is wired any other way.
 */
public final class PlainFields {

    /**
     * Why each type's fields are listed:
     *
     * <ul>
     *   <li>{@code Query}: the roots of the article page and the latest list, the reads the benchmarks measure. An
     *       annotated method costs a handler object, argument binding and a context snapshot on every call, about 4 %
     *       of an article page (see docs/performance.md, "Hot root fields as plain data fetchers").
     *   <li>{@code Article}, {@code Section}, {@code Reporter}, {@code Tag}: asked for every object of every list, so
     *       per-call argument resolution and reflection would be paid hundreds of times per answer. They are trivial
     *       (no I/O of their own, no request context), so neither observations nor context propagation wrap them.
     *       {@code Article.body}, {@code reporters} and {@code tags} go to loaders keyed by article id, which the
     *       {@code Query} roots fill from their own statement.
     * </ul>
     */
    private static final Map<String, Set<String>> LISTED = Map.of(
            "Query", Set.of("article", "articleById", "latest"),
            "Article", Set.of("id", "section", "url", "body", "reporters", "tags"),
            "Section", Set.of("id", "parent", "children", "path", "url"),
            "Reporter", Set.of("id"),
            "Tag", Set.of("id"));

    private PlainFields() {}

    /** Whether {@code type.field} is one of the listed fields. */
    public static boolean listed(String type, String field) {
        return LISTED.getOrDefault(type, Set.of()).contains(field);
    }

    /** Wires {@code fetchers} (by field name) to {@code type}; each field must be listed. */
    public static void wire(RuntimeWiring.Builder wiring, String type, Map<String, DataFetcher<?>> fetchers) {
        fetchers.keySet().forEach(field -> {
            if (!listed(type, field)) {
                throw new IllegalStateException(type + "." + field + " is not a listed plain field: resolve it with an"
                        + " annotated controller method, or list it in PlainFields with the reason");
            }
        });
        wiring.type(type, builder -> {
            fetchers.forEach(builder::dataFetcher);
            return builder;
        });
    }
}
