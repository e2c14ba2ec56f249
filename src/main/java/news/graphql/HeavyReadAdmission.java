package news.graphql;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import news.database.HeavyReads;

/**
 * Admits heavy queries through {@link HeavyReads}, so that they hold at most their share of the connection pool and
 * cheap reads keep the rest. A query is heavy when its complexity (the measure of {@code news.graphql.max-complexity},
 * measured once per distinct operation) is at least {@code news.database.heavy-read-complexity}: a list of 100
 * articles with their views and related articles is, an article page or a front page of 20 is not. Mutations and
 * subscriptions are not held back here (recording views touches memory only; newsroom writes are few and must not
 * queue behind readers).
 *
 * <p>Runs last of the instrumentations (see {@link GraphQlConfiguration}), after the limits that may refuse the
 * query: a turn is taken only by an operation that will run, and is given back when its result is complete.
 */
final class HeavyReadAdmission extends SimplePerformantInstrumentation {

    private final HeavyReads heavyReads;

    private final int heavyComplexity;

    private final PassedOperations weights = new PassedOperations();

    private final FieldComplexityCalculator weighing;

    HeavyReadAdmission(HeavyReads heavyReads, int heavyComplexity, FieldComplexityCalculator weighing) {
        this.heavyReads = heavyReads;
        this.heavyComplexity = heavyComplexity;
        this.weighing = weighing;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (execution.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY
                || weights.measured(execution, () -> complexity(execution)) < heavyComplexity) {
            return SimpleInstrumentationContext.noOp();
        }
        HeavyReads.Turn turn = heavyReads.enter();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> turn.close());
    }

    private int complexity(ExecutionContext execution) {
        return QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator(weighing)
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getExecutionInput().getOperationName())
                .variables(execution.getCoercedVariables())
                .build()
                .calculate();
    }
}
