package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLTypeUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Every mutation in the schema, called with well-formed arguments, is refused: UNAUTHORIZED without a token,
 * FORBIDDEN with a token lacking the role its description names ({@code EDITOR:} or {@code ADMIN:}). Only the public
 * view beacon is exempt. A mutation added later without {@code @PreAuthorize} fails this test.
 */
@IntegrationTest
class MutationGuardTest extends HttpTestBase {

    /** Mutations anyone may call: readers' apps record page views without signing in. */
    static final Set<String> PUBLIC_MUTATIONS = Set.of("recordView", "recordViews");

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    void everyMutationButViewRecording_isRefusedWithoutTheRoleItsDescriptionNames() {
        List<GraphQLFieldDefinition> mutations =
                graphQlSource.schema().getMutationType().getFieldDefinitions();
        assertThat(mutations).isNotEmpty();
        List<String> checked = new ArrayList<>();
        for (GraphQLFieldDefinition mutation : mutations) {
            if (PUBLIC_MUTATIONS.contains(mutation.getName())) {
                continue;
            }
            StringBuilder declarations = new StringBuilder();
            StringBuilder arguments = new StringBuilder();
            Map<String, Object> variables = new LinkedHashMap<>();
            for (GraphQLArgument argument : mutation.getArguments()) {
                declarations
                        .append(declarations.isEmpty() ? "" : ", ")
                        .append('$')
                        .append(argument.getName())
                        .append(": ")
                        .append(GraphQLTypeUtil.simplePrint(argument.getType()));
                arguments
                        .append(arguments.isEmpty() ? "" : ", ")
                        .append(argument.getName())
                        .append(": $")
                        .append(argument.getName());
                variables.put(argument.getName(), sample(argument.getType()));
            }
            String document = "mutation" + (declarations.isEmpty() ? "" : "(" + declarations + ")") + " { "
                    + mutation.getName() + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " { __typename } }";
            String role = mutation.getDescription() == null
                    ? ""
                    : mutation.getDescription().split(":")[0];
            assertThat(role)
                    .as("description of %s names its role", mutation.getName())
                    .isIn("EDITOR", "ADMIN");
            expect(graphQlClient(), document, variables, ErrorType.UNAUTHORIZED, mutation.getName());
            expect(
                    graphQlClient()
                            .mutate()
                            .headers(Tokens.bearer(
                                    Tokens.token("pembaca", List.of("READER"), Duration.ofMinutes(5), Tokens.SECRET)))
                            .build(),
                    document,
                    variables,
                    ErrorType.FORBIDDEN,
                    mutation.getName());
            if (role.equals("ADMIN")) {
                expect(
                        graphQlClient().mutate().headers(Tokens.editor("ani")).build(),
                        document,
                        variables,
                        ErrorType.FORBIDDEN,
                        mutation.getName());
            }
            checked.add(mutation.getName());
        }
        assertThat(checked).contains("createArticle", "publishArticle", "createSection", "createReporter");
    }

    private static void expect(
            GraphQlTester client, String document, Map<String, Object> variables, ErrorType type, String mutation) {
        client.document(document).variables(variables).execute().errors().satisfy(errors -> {
            assertThat(errors).as(mutation).hasSize(1);
            assertThat(errors.get(0).getErrorType()).as(mutation).isEqualTo(type);
        });
    }

    /** A well-formed value of the given input type, so the call reaches the resolver and its security check. */
    private static Object sample(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return sample((GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return List.of(sample((GraphQLInputType) list.getWrappedType()));
        }
        if (type instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(0).getName();
        }
        if (type instanceof GraphQLInputObjectType object) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (GraphQLTypeUtil.isNonNull(field.getType())) {
                    value.put(field.getName(), sample(field.getType()));
                }
            }
            return value;
        }
        return switch (((GraphQLNamedType) type).getName()) {
            case "Int" -> 1;
            case "Float" -> 1.0;
            case "Boolean" -> false;
            case "DateTime" -> "2030-01-01T00:00:00+07:00";
            case "ID" -> "QXJ0aWNsZTox";
            default -> "x";
        };
    }
}
