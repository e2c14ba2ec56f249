package news.analytics.ingest;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.analytics.AnalyticsProperties;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Caps the views one GraphQL request may report, summed over all its {@code recordView} and {@code recordViews}
 * fields (aliases and fragments included), at {@code news.analytics.max-batch}. The count is taken from the document
 * and the variables as the client sent them, before graphql-java coerces a single list item, so an oversized request
 * is refused whole, cheaply, and before anything is counted.
 */
@Component
class ViewsPerRequest implements WebGraphQlInterceptor {

    private static final String RECORD_VIEW = "recordView";

    private static final String RECORD_VIEWS = "recordViews";

    private final int maxViews;

    ViewsPerRequest(AnalyticsProperties properties) {
        this.maxViews = properties.maxBatch();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String text = request.getDocument();
        // Field names cannot be escaped, so a document without this text records no views: no second parse.
        if (text == null || !text.contains(RECORD_VIEW)) {
            return chain.next(request);
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(text)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions())
                    .build());
        } catch (InvalidSyntaxException ex) {
            // graphql-java reports it.
            return chain.next(request);
        }
        Tally tally = new Tally(document, request.getVariables());
        OperationDefinition operation = operation(document, request.getOperationName());
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.MUTATION) {
            return chain.next(request);
        }
        tally.add(operation.getSelectionSet(), operation.getVariableDefinitions(), new ArrayDeque<>());
        if (tally.views <= maxViews) {
            return chain.next(request);
        }
        GraphQLError error = GraphQLError.newError()
                .errorType(ErrorType.BAD_REQUEST)
                .message("At most " + maxViews + " views per request, over all recordView and recordViews fields; "
                        + "this request reports " + tally.views + ". Nothing was counted.")
                .location(tally.over)
                .extensions(Map.of("argument", "input"))
                .build();
        ExecutionResult result =
                ExecutionResult.newExecutionResult().addError(error).build();
        return Mono.just(
                new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }

    /** The operation graphql-java would run; null when that is ambiguous (it refuses the request then). */
    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null || name.isEmpty()) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream()
                .filter(o -> name.equals(o.getName()))
                .findFirst()
                .orElse(null);
    }

    /** Adds up the views of the root fields of a mutation. */
    private final class Tally {

        private final Map<String, FragmentDefinition> fragments;

        private final Map<String, Object> variables;

        long views;

        SourceLocation over;

        Tally(Document document, Map<String, Object> variables) {
            this.fragments = new HashMap<>();
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
            this.variables = variables == null ? Map.of() : variables;
        }

        void add(SelectionSet selections, List<VariableDefinition> definitions, Deque<String> spreading) {
            if (selections == null) {
                return;
            }
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    long n = switch (field.getName()) {
                        case RECORD_VIEW -> 1;
                        case RECORD_VIEWS ->
                            items(
                                    field.getArguments().stream()
                                            .filter(a -> a.getName().equals("input"))
                                            .map(a -> a.getValue())
                                            .findFirst()
                                            .orElse(null),
                                    definitions);
                        default -> 0;
                    };
                    views += n;
                    if (views > maxViews && over == null) {
                        over = field.getSourceLocation();
                    }
                } else if (selection instanceof InlineFragment inline) {
                    add(inline.getSelectionSet(), definitions, spreading);
                } else if (selection instanceof FragmentSpread spread && !spreading.contains(spread.getName())) {
                    // A cycle of spreads is invalid anyway; graphql-java refuses it.
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null) {
                        spreading.push(spread.getName());
                        add(fragment.getSelectionSet(), definitions, spreading);
                        spreading.pop();
                    }
                }
            }
        }

        /** Items of a {@code [RecordViewInput!]!} argument; a single object counts as a list of one. */
        private long items(Value<?> value, List<VariableDefinition> definitions) {
            if (value instanceof ArrayValue list) {
                return list.getValues().size();
            }
            if (value == null || value instanceof NullValue) {
                return 0;
            }
            if (value instanceof VariableReference ref) {
                if (variables.containsKey(ref.getName())) {
                    Object given = variables.get(ref.getName());
                    return given instanceof List<?> list ? list.size() : given == null ? 0 : 1;
                }
                return definitions.stream()
                        .filter(d -> d.getName().equals(ref.getName()))
                        .findFirst()
                        .map(d -> d.getDefaultValue() == null ? 0L : items(d.getDefaultValue(), definitions))
                        .orElse(0L);
            }
            return 1;
        }
    }
}
