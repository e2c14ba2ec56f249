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
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns, while a GET executes, what its caching headers need: the surrogate key of every article, section, reporter
 * and tag whose fields are resolved (once per object, not per field), the lists its fields read, the keys of what its
 * root fields ask for by slug or id (so a {@code null} answer is purged when that object appears; see
 * {@link SurrogateKeys} for the scheme), and how long
 * the shortest-lived root field may be kept. A mutation over GET is stopped before it runs. Requests without a
 * {@link PublicAnswer} in their context (every POST) pay one map lookup per execution and nothing per object.
 */
final class PublicAnswers extends SimplePerformantInstrumentation {

    /** Root fields that are lists of their own, so a write purges them by name. */
    private static final Set<String> LISTS = Set.of("latest", "popular", "trending", "articles", "sections", "search");

    /**
     * Fields below the root whose lists may change with any article write without holding the article that changed
     * (a section's, reporter's or tag's {@code articles} carry that object's key, which such a write purges).
     */
    private static final Set<String> NESTED_LISTS = Set.of("related");

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
            rootFields(s.answer, operation.getSelectionSet().getSelections(), execution);
            nestedLists(s.answer, operation.getSelectionSet().getSelections(), execution, 0);
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

    private void rootFields(PublicAnswer answer, Iterable<Selection> selections, ExecutionContext execution) {
        for (Selection<?> selection : selections) {
            if (selection instanceof Field field) {
                String name = field.getName();
                if (LISTS.contains(name)) {
                    answer.keys.add(SurrogateKeys.list(name));
                }
                String asked = askedFor(field, execution);
                if (asked != null) {
                    answer.keys.add(asked);
                }
                if (!name.startsWith("__")) {
                    answer.keepAtMost(LONG_LIVED.contains(name) ? articleSeconds : listSeconds);
                }
            } else {
                // A fragment at the root: its fields are not looked into for their lifetimes; the answer is kept as
                // briefly as a list. Their keys are, below.
                answer.keepAtMost(listSeconds);
                rootFields(answer, fragmentSelections(selection, execution), execution);
            }
        }
    }

    /**
     * The key of what a root field asks for by its arguments, so that its answer, also {@code null}, is purged when
     * that object changes or appears: {@code article(slug:)} gets {@code article-slug-<slug>}, {@code node(id:)} the
     * key of the object the id names.
     */
    private static String askedFor(Field field, ExecutionContext execution) {
        return switch (field.getName()) {
            case "article", "editorArticle" -> {
                String bySlug = SurrogateKeys.slug("article", argument(field, "slug", execution));
                yield bySlug != null ? bySlug : SurrogateKeys.ofGlobalId(argument(field, "id", execution));
            }
            case "node", "articleById", "editorArticleById" ->
                SurrogateKeys.ofGlobalId(argument(field, "id", execution));
            case "section", "reporter", "tag" ->
                SurrogateKeys.slug(field.getName(), argument(field, "slug", execution));
            default -> null;
        };
    }

    /** An argument's value as written or through its variable; null when absent or not a plain value. */
    private static Object argument(Field field, String name, ExecutionContext execution) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                Value<?> value = argument.getValue();
                if (value instanceof StringValue text) {
                    return text.getValue();
                }
                if (value instanceof VariableReference variable) {
                    return execution.getCoercedVariables().get(variable.getName());
                }
                return null;
            }
        }
        return null;
    }

    /**
     * Whether the document selects one of the {@link #NESTED_LISTS} anywhere (in fragments too): their answers may
     * change with any article write without showing the article that changed, so they carry a list key.
     */
    private static void nestedLists(
            PublicAnswer answer, Iterable<Selection> selections, ExecutionContext execution, int depth) {
        if (depth > 64) {
            return;
        }
        for (Selection<?> selection : selections) {
            if (selection instanceof Field field) {
                if (NESTED_LISTS.contains(field.getName())) {
                    answer.keys.add(SurrogateKeys.list(field.getName()));
                }
                if (field.getSelectionSet() != null) {
                    nestedLists(answer, field.getSelectionSet().getSelections(), execution, depth + 1);
                }
            } else {
                nestedLists(answer, fragmentSelections(selection, execution), execution, depth + 1);
            }
        }
    }

    private static Iterable<Selection> fragmentSelections(Selection<?> selection, ExecutionContext execution) {
        if (selection instanceof InlineFragment inline) {
            return inline.getSelectionSet().getSelections();
        }
        if (selection instanceof FragmentSpread spread) {
            FragmentDefinition fragment = execution.getFragmentsByName().get(spread.getName());
            if (fragment != null) {
                return fragment.getSelectionSet().getSelections();
            }
        }
        return List.of();
    }

    /** The classification of a mutation sent with GET. */
    enum MethodNotAllowed implements ErrorClassification {
        METHOD_NOT_ALLOWED
    }

    private record State(PublicAnswer answer) implements InstrumentationState {}
}
