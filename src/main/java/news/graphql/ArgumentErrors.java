package news.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.TypeFromAST;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.graphql.execution.ErrorType;

/**
 * Rewrites graphql-java's refusals of argument values into this API's terms. A value that does not fit its type (an
 * Int beyond 32 bits, a DateTime out of range, a missing required input field), written in the document or sent as a
 * variable, becomes a BAD_REQUEST error whose {@code extensions.argument} is the argument's path, such as
 * {@code first} or {@code input.body[2].text}, also for a variable, whose use in the document is looked up. Other
 * validation errors keep their classification. No message quotes graphql-java's syntax tree
 * ({@code IntValue{value=...}}) or its error type names.
 */
final class ArgumentErrors {

    private static final Pattern PREFIX = Pattern.compile("^Validation error \\([^)]*\\) ?: ");

    private static final Pattern ARGUMENT = Pattern.compile("^argument '([^']+)'");

    private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");

    private static final String KINDS = "IntValue|FloatValue|StringValue|BooleanValue|NullValue|EnumValue|ArrayValue"
            + "|ObjectValue|VariableReference";

    private static final Pattern AST_NODE = Pattern.compile("(?: with value ')?\\b(?:" + KINDS + "|ObjectField)\\{");

    private static final Pattern AST_KINDS =
            Pattern.compile("Expected an AST type of '(" + KINDS + ")' but it was a '(" + KINDS + ")'");

    private static final Pattern SIMPLE_NODE = Pattern.compile(
            "(?:(Int|Float|Boolean)Value\\{value=(.*)\\}|StringValue\\{value='(.*)'\\}|EnumValue\\{name='(.*)'\\}"
                    + "|NullValue\\{\\})");

    private ArgumentErrors() {}

    static GraphQLError badArgument(String argument, String message, SourceLocation location) {
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                .errorType(ErrorType.BAD_REQUEST)
                .message(message)
                .extensions(Map.of("argument", argument));
        return location == null ? error.build() : error.location(location).build();
    }

    static ExecutionResult rewrite(ExecutionResult result, InstrumentationExecutionParameters parameters) {
        if (result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> errors = new ArrayList<>();
        boolean changed = false;
        for (GraphQLError error : result.getErrors()) {
            GraphQLError rewritten = rewrite(error, parameters);
            changed |= rewritten != error;
            errors.add(rewritten);
        }
        return changed ? result.transform(builder -> builder.errors(errors)) : result;
    }

    private static GraphQLError rewrite(GraphQLError error, InstrumentationExecutionParameters parameters) {
        if (error instanceof ValidationError validation) {
            String text =
                    plain(validation.getDescription() != null ? validation.getDescription() : validation.getMessage());
            Matcher argument = ARGUMENT.matcher(text);
            if (validation.getValidationErrorType() == ValidationErrorType.WrongType && argument.find()) {
                return badArgument(
                        argument.group(1),
                        "Argument " + text.substring("argument ".length()),
                        first(validation.getLocations()));
            }
            return GraphqlErrorBuilder.newError()
                    .errorType(validation.getErrorType())
                    .message(text)
                    .locations(validation.getLocations())
                    .extensions(validation.getExtensions())
                    .build();
        }
        if (error instanceof CoercingParseValueException
                || error instanceof NonNullableValueCoercedAsNullException
                || error instanceof InputMapDefinesTooManyFieldsException) {
            Problem problem = locate(parameters);
            if (problem != null) {
                return badArgument(problem.argument(), problem.message(), first(error.getLocations()));
            }
            Matcher variable = VARIABLE.matcher(error.getMessage());
            return badArgument(
                    variable.find() ? variable.group(1) : "variables",
                    plain(error.getMessage()),
                    first(error.getLocations()));
        }
        return error;
    }

    private static SourceLocation first(List<SourceLocation> locations) {
        return locations == null || locations.isEmpty() ? null : locations.get(0);
    }

    /**
     * The message without graphql-java's prefix and error type name, with each syntax tree node it quotes written as
     * the literal a client typed ({@code IntValue{value=5}} as {@code 5}) or left out when it is the whole value.
     */
    static String plain(String message) {
        String text = PREFIX.matcher(message).replaceFirst("");
        Matcher kinds = AST_KINDS.matcher(text);
        StringBuilder named = new StringBuilder();
        while (kinds.find()) {
            kinds.appendReplacement(
                    named,
                    Matcher.quoteReplacement("expected " + kind(kinds.group(1)) + " but got " + kind(kinds.group(2))));
        }
        kinds.appendTail(named);
        text = named.toString();
        StringBuilder out = new StringBuilder();
        Matcher node = AST_NODE.matcher(text);
        int from = 0;
        while (node.find(from)) {
            boolean valueClause = node.group().startsWith(" with value '");
            int open = node.end() - 1;
            int end = closingBrace(text, open);
            out.append(text, from, node.start());
            if (valueClause) {
                if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                    end++;
                }
            } else {
                out.append(literal(text.substring(node.start(), end + 1)));
            }
            from = end + 1;
        }
        out.append(text.substring(Math.min(from, text.length())));
        return out.toString().replace("' - ", "': ").strip();
    }

    /** A quoted syntax tree node as the literal it stands for, when it is a simple one. */
    private static String literal(String node) {
        Matcher simple = SIMPLE_NODE.matcher(node);
        if (!simple.matches()) {
            return "the value given";
        }
        if (simple.group(1) != null) {
            return simple.group(2);
        }
        if (simple.group(3) != null) {
            return "\"" + simple.group(3) + "\"";
        }
        return simple.group(4) != null ? simple.group(4) : "null";
    }

    private static String kind(String node) {
        return switch (node) {
            case "IntValue" -> "an integer";
            case "FloatValue" -> "a number";
            case "StringValue" -> "a string";
            case "BooleanValue" -> "true or false";
            case "NullValue" -> "null";
            case "EnumValue" -> "an enum value";
            case "ArrayValue" -> "a list";
            case "ObjectValue" -> "an input object";
            default -> "a variable";
        };
    }

    /** Index of the brace closing the one at {@code open}, skipping quoted text; the last index if unbalanced. */
    private static int closingBrace(String text, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length() - 1;
    }

    /** An argument position and why its value was refused. */
    record Problem(String argument, String message) {}

    /**
     * Finds the first variable value that does not fit its declared type, and where the document uses the variable:
     * graphql-java names only the variable, not the input field inside it nor the argument it is passed to.
     */
    private static Problem locate(InstrumentationExecutionParameters parameters) {
        Document document;
        try {
            document = Parser.parse(parameters.getQuery());
        } catch (RuntimeException ex) {
            return null;
        }
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> parameters.getOperation() == null
                        || parameters.getOperation().equals(o.getName()))
                .findFirst()
                .orElse(null);
        if (operation == null) {
            return null;
        }
        Map<String, Object> variables = parameters.getVariables();
        GraphQLSchema schema = parameters.getSchema();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (!variables.containsKey(definition.getName()) && definition.getDefaultValue() != null) {
                continue;
            }
            GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
            if (!(type instanceof GraphQLInputType input)) {
                continue;
            }
            String usage = usage(document, definition.getName());
            Problem problem =
                    check(input, variables.get(definition.getName()), usage != null ? usage : definition.getName());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static Problem check(GraphQLInputType type, Object value, String path) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null) {
                return new Problem(path, "'" + path + "' is required.");
            }
            return check((GraphQLInputType) nonNull.getWrappedType(), value, path);
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (!(value instanceof List<?> items)) {
                return check(element, value, path);
            }
            for (int i = 0; i < items.size(); i++) {
                Problem problem = check(element, items.get(i), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> fields)) {
                return new Problem(path, "'" + path + "' must be an object of type " + object.getName() + ".");
            }
            for (Object name : fields.keySet()) {
                if (object.getField(String.valueOf(name)) == null) {
                    return new Problem(
                            path + "." + name,
                            "'" + path + "." + name + "' is not a field of " + object.getName() + ".");
                }
            }
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (!fields.containsKey(field.getName()) && field.hasSetDefaultValue()) {
                    continue;
                }
                Problem problem = check(field.getType(), fields.get(field.getName()), path + "." + field.getName());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        try {
            if (type instanceof GraphQLScalarType scalar) {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
            } else if (type instanceof GraphQLEnumType enumeration) {
                enumeration.parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
            }
            return null;
        } catch (RuntimeException ex) {
            String name = ((graphql.schema.GraphQLNamedType) type).getName();
            return new Problem(path, "'" + path + "' is not a valid " + name + ": " + plain(ex.getMessage()));
        }
    }

    /** The argument path at which the document passes {@code variable}, e.g. {@code filter.publishedAfter}. */
    private static String usage(Node<?> node, String variable) {
        if (node instanceof Argument argument) {
            return usage(argument.getValue(), argument.getName(), variable);
        }
        for (Node<?> child : node.getChildren()) {
            String found = usage(child, variable);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String usage(Value<?> value, String path, String variable) {
        if (value instanceof VariableReference reference) {
            return reference.getName().equals(variable) ? path : null;
        }
        if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                String found = usage(field.getValue(), path + "." + field.getName(), variable);
                if (found != null) {
                    return found;
                }
            }
        }
        if (value instanceof ArrayValue array) {
            for (int i = 0; i < array.getValues().size(); i++) {
                String found = usage(array.getValues().get(i), path + "[" + i + "]", variable);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
