package news.graphql;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Observes each GraphQL request ({@code graphql.request}: a timer per operation and outcome, and a trace span) but not
 * each field or DataLoader call: a list of 20 articles has hundreds of field fetches, and a timer for each cost more
 * than the fetches themselves.
 */
final class RequestObservations extends GraphQlObservationInstrumentation {

    RequestObservations(ObservationRegistry registry) {
        super(registry);
    }

    /** Leaves the DataLoader registry as it is, without an observation per batch load. */
    @Override
    public ExecutionInput instrumentExecutionInput(
            ExecutionInput input, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return input;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return dataFetcher;
    }
}
