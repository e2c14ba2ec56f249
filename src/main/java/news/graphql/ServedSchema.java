package news.graphql;

import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The schema as this service serves it: without the directives graphql-java declares in every schema but no transport
 * here honours. {@code GraphQLSchema.Builder.build()} adds {@code @defer} and
 * {@code @experimental_disableErrorPropagation} to every schema it builds, whatever the builder was given (graphql-java
 * 25, beside the specification's {@code @include}, {@code @skip}, {@code @deprecated}, {@code @specifiedBy} and
 * {@code @oneOf}), so no schema built through graphql-java's public builders lacks them. This one is the built schema
 * with those two left out of its directive definitions, the one place validation ({@code KnownDirectives}),
 * introspection ({@code __schema { directives }}) and the schema printer read them: an operation using one is refused
 * by validation as an unknown directive ({@code ValidationError}) on every transport, and introspection does not
 * list them. Derived schemas ({@link #transform}, {@link #transformWithoutTypes}, which Spring for GraphQL uses to
 * decorate data fetchers) keep leaving them out.
 */
final class ServedSchema extends GraphQLSchema {

    /** Declared by graphql-java, not served: nothing here delivers incremental answers or honours the other. */
    static final Set<String> UNSERVED = Set.of("defer", "experimental_disableErrorPropagation");

    private final List<GraphQLDirective> directives;

    private final Map<String, GraphQLDirective> directivesByName;

    private ServedSchema(BuilderWithoutTypes same) {
        super(same);
        this.directives = super.getDirectives().stream()
                .filter(directive -> !UNSERVED.contains(directive.getName()))
                .toList();
        Map<String, GraphQLDirective> byName = new LinkedHashMap<>();
        directives.forEach(directive -> byName.put(directive.getName(), directive));
        this.directivesByName = Map.copyOf(byName);
    }

    /** {@code schema} without the directives this service does not serve. */
    static GraphQLSchema of(GraphQLSchema schema) {
        if (schema instanceof ServedSchema served) {
            return served;
        }
        // The one public way to a builder that copies a built schema as it is (types, code, applied directives).
        BuilderWithoutTypes[] same = new BuilderWithoutTypes[1];
        schema.transformWithoutTypes(builder -> same[0] = builder);
        return new ServedSchema(same[0]);
    }

    @Override
    public List<GraphQLDirective> getDirectives() {
        return directives;
    }

    @Override
    public Map<String, GraphQLDirective> getDirectivesByName() {
        return directivesByName;
    }

    @Override
    public GraphQLDirective getDirective(String name) {
        return directivesByName.get(name);
    }

    @Override
    public GraphQLSchema transform(Consumer<Builder> builderConsumer) {
        return of(super.transform(builderConsumer));
    }

    @Override
    public GraphQLSchema transformWithoutTypes(Consumer<BuilderWithoutTypes> builderConsumer) {
        return of(super.transformWithoutTypes(builderConsumer));
    }
}
