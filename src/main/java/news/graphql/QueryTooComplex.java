package news.graphql;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import java.util.List;
import java.util.Map;

/**
 * The refusal of a query that is too deep or too costly, classified {@code QUERY_TOO_COMPLEX} (not graphql-java's
 * generic {@code ExecutionAborted}), with the measured value and the limit in its extensions.
 */
enum QueryTooComplex implements ErrorClassification {
    QUERY_TOO_COMPLEX;

    static AbortExecutionException refusal(String what, int value, int limit) {
        GraphQLError error = GraphQLError.newError()
                .errorType(QUERY_TOO_COMPLEX)
                .message("The query's " + what + " " + value + " is over the limit of " + limit + ".")
                .extensions(Map.of("code", QUERY_TOO_COMPLEX.name(), "measure", what, "value", value, "limit", limit))
                .build();
        return new AbortExecutionException(List.of(error));
    }

    /** The depth limit, measured once per distinct operation (see {@link PassedOperations}). */
    static final class Depth extends MaxQueryDepthInstrumentation {

        private final PassedOperations passed = new PassedOperations();

        Depth(int maxDepth) {
            super(maxDepth);
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            return passed.unlessPassed(
                    parameters.getExecutionContext(), () -> super.beginExecuteOperation(parameters, state));
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return refusal("depth", depth, maxDepth);
        }
    }

    /** The complexity limit, measured once per distinct operation (see {@link PassedOperations}). */
    static final class Complexity extends MaxQueryComplexityInstrumentation {

        private final PassedOperations passed = new PassedOperations();

        Complexity(int maxComplexity, FieldComplexityCalculator calculator) {
            super(maxComplexity, calculator);
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            return passed.unlessPassed(
                    parameters.getExecutionContext(), () -> super.beginExecuteOperation(parameters, state));
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return refusal("complexity", complexity, maxComplexity);
        }
    }
}
