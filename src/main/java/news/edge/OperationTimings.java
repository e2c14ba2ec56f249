package news.edge;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.concurrent.CompletableFuture;

/**
 * Times every GraphQL execution once, by the name of the operation that ran (as written in the document, so a GET
 * without an {@code operationName} parameter is named too), and tells those that answered errors apart. Nothing per
 * field.
 */
final class OperationTimings extends SimplePerformantInstrumentation {

    private final EdgeMetrics metrics;

    OperationTimings(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Timing(System.nanoTime(), parameters.getExecutionInput().getOperationName());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Timing timing) {
            timing.name =
                    parameters.getExecutionContext().getOperationDefinition().getName();
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (state instanceof Timing timing) {
            metrics.operation(
                    timing.name,
                    System.nanoTime() - timing.start,
                    !result.getErrors().isEmpty());
        }
        return CompletableFuture.completedFuture(result);
    }

    private static final class Timing implements InstrumentationState {

        final long start;

        volatile String name;

        Timing(long start, String name) {
            this.start = start;
            this.name = name;
        }
    }
}
