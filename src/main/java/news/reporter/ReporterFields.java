package news.reporter;

import graphql.TrivialDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import news.graphql.GlobalId;
import news.graphql.PlainFields;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/** {@code Reporter.id}, listed in {@link PlainFields}: a plain (trivial) data fetcher, since every article of a list asks for it. */
@Component
class ReporterFields implements RuntimeWiringConfigurer {

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        PlainFields.wire(wiring, "Reporter", Map.of("id", (TrivialDataFetcher<String>)
                env -> GlobalId.encode("Reporter", env.<Reporter>getSource().id())));
    }
}
