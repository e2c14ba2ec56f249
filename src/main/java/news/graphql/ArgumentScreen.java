package news.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses text arguments PostgreSQL cannot store (a NUL character, an unpaired UTF-16 surrogate) or that are longer
 * than any field takes, in every argument and input field of every selected field, once the arguments are coerced
 * and before any data fetcher runs: such a request is answered with BAD_REQUEST errors naming the argument, and no
 * SQL runs. Out-of-range numbers and times never get this far, because their scalars refuse them; graphql-java's
 * reports of those are rewritten by {@link ArgumentErrors}.
 */
final class ArgumentScreen extends SimplePerformantInstrumentation {

    private final int maxStringLength;

    /**
     * Per document (the parsed-document cache hands the same instance to each request with the same text), held
     * weakly: an entry lives only while its document does.
     */
    private final Cache<Document, Boolean> refusedLiterals =
            Caffeine.newBuilder().weakKeys().maximumSize(2_000).build();

    ArgumentScreen(int maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (!anyRefused(execution.getCoercedVariables().toMap())
                && !refusedLiterals.get(execution.getDocument(), this::anyRefusedLiteral)) {
            // Client text reaches arguments only through variables and literals; when none of it is refused, the
            // walk over every field below (the costly part) is skipped.
            return super.beginExecuteOperation(parameters, state);
        }
        List<GraphQLError> errors = new ArrayList<>();
        // The same walk the complexity limit makes: every field of the operation, arguments coerced.
        QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getOperationDefinition().getName())
                .coercedVariables(execution.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment field) {
                        SourceLocation location = field.getField().getSourceLocation();
                        field.getArguments().forEach((name, value) -> walk(name, value, location, errors));
                    }
                });
        if (!errors.isEmpty()) {
            throw new AbortExecutionException(errors);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return CompletableFuture.completedFuture(ArgumentErrors.rewrite(result, parameters));
    }

    private void walk(String path, Object value, SourceLocation location, List<GraphQLError> errors) {
        if (value instanceof String text) {
            String problem = problem(path, text);
            if (problem != null) {
                errors.add(ArgumentErrors.badArgument(path, problem, location));
            }
        } else if (value instanceof Map<?, ?> object) {
            object.forEach((name, field) -> walk(path + "." + name, field, location, errors));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), location, errors);
            }
        }
    }

    /** Whether any text in the values (nested maps and lists included) would be refused. */
    private boolean anyRefused(Object value) {
        if (value instanceof String text) {
            return problem("", text) != null;
        }
        if (value instanceof Map<?, ?> object) {
            return object.values().stream().anyMatch(this::anyRefused);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(this::anyRefused);
        }
        return false;
    }

    /** Whether any string literal of the document would be refused. */
    private boolean anyRefusedLiteral(Document document) {
        boolean[] found = {false};
        new NodeTraverser()
                .depthFirst(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitStringValue(StringValue node, TraverserContext<Node> context) {
                                if (problem("", node.getValue()) != null) {
                                    found[0] = true;
                                    return TraversalControl.ABORT;
                                }
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        return found[0];
    }

    /** Why PostgreSQL could not take {@code text}, or null when it can (see {@link StorableText}). */
    private String problem(String path, String text) {
        return StorableText.problem(path, text, maxStringLength);
    }
}
