package news.section;

import graphql.TrivialDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import news.graphql.GlobalId;
import news.graphql.PlainFields;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The fields of {@code Section} that are not plain properties, as plain data fetchers (listed in {@link PlainFields}) over the in-memory
 * {@link SectionTree}: every article of a list asks for its section, so they avoid the per-call argument resolution
 * of annotated controller methods, and they are marked trivial (no I/O, no request context needed), so neither
 * observations nor context propagation wrap them.
 */
@Component
class SectionFields implements RuntimeWiringConfigurer {

    private final SectionDirectory directory;

    SectionFields(SectionDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        PlainFields.wire(
                wiring,
                "Section",
                Map.of(
                        "id",
                        (TrivialDataFetcher<String>)
                                env -> GlobalId.encode("Section", section(env).id()),
                        "parent",
                        (TrivialDataFetcher<Section>)
                                env -> directory.tree().parent(section(env)).orElse(null),
                        "children",
                        (TrivialDataFetcher<List<Section>>)
                                env -> directory.tree().children(section(env)),
                        "path",
                        (TrivialDataFetcher<List<Section>>)
                                env -> directory.tree().path(section(env)),
                        "url",
                        (TrivialDataFetcher<String>) env -> directory.tree().url(section(env))));
    }

    private static Section section(graphql.schema.DataFetchingEnvironment env) {
        return env.getSource();
    }
}
