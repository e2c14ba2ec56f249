package news.edge;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns, while a GET executes, what its caching headers need: the surrogate key of every article, section, reporter
 * and tag whose fields are resolved (once per object, not per field), the lists its root fields read, and how long
 * the shortest-lived root field may be kept. A mutation over GET is stopped before it runs. Requests without a
 * {@link PublicAnswer} in their context (every POST) pay one map lookup per execution and nothing per object.
 */
final class PublicAnswers extends SimplePerformantInstrumentation {

    /** Root fields that are lists of their own, so a write purges them by name. */
    private static final Set<String> LISTS = Set.of("latest", "popular", "trending", "articles", "sections");

    /** Root fields that change only when the newsroom writes them (a purge follows), so they may be kept longer. */
    private static final Set<String> LONG_LIVED = Set.of("article", "node", "sections");

    private final long listSeconds;

    private final long articleSeconds;

    PublicAnswers(EdgeProperties settings) {
        this.listSeconds = settings.lists().toSeconds();
        this.articleSeconds = settings.articles().toSeconds();
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        PublicAnswer answer = parameters.getExecutionInput().getGraphQLContext().get(PublicAnswer.class);
        return answer == null ? null : new State(answer);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof State s) {
            ExecutionContext execution = parameters.getExecutionContext();
            OperationDefinition operation = execution.getOperationDefinition();
            if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
                s.answer.mutationRefused = true;
                throw new AbortExecutionException(List.of(GraphQLError.newError()
                        .errorType(MethodNotAllowed.METHOD_NOT_ALLOWED)
                        .message("Only queries may be sent with GET; send mutations with POST.")
                        .extensions(Map.of("code", MethodNotAllowed.METHOD_NOT_ALLOWED.name()))
                        .build()));
            }
            rootFields(s.answer, operation.getSelectionSet().getSelections(), execution.getFragmentsByName());
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(
            InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
        if (state instanceof State s) {
            String key =
                    SurrogateKeys.of(parameters.getExecutionStrategyParameters().getSource());
            if (key != null) {
                s.answer.keys.add(key);
            }
        }
        return ExecuteObjectInstrumentationContext.NOOP;
    }

    private void rootFields(PublicAnswer answer, Iterable<Selection> selections, Map<String, ?> fragments) {
        for (Selection<?> selection : selections) {
            if (selection instanceof Field field) {
                String name = field.getName();
                if (LISTS.contains(name)) {
                    answer.keys.add(SurrogateKeys.list(name));
                }
                if (!name.startsWith("__")) {
                    answer.keepAtMost(LONG_LIVED.contains(name) ? articleSeconds : listSeconds);
                }
            } else {
                // A fragment at the root: its fields are not looked into; the answer is kept as briefly as a list.
                answer.keepAtMost(listSeconds);
            }
        }
    }

    /** The classification of a mutation sent with GET. */
    enum MethodNotAllowed implements ErrorClassification {
        METHOD_NOT_ALLOWED
    }

    private record State(PublicAnswer answer) implements InstrumentationState {}
}
