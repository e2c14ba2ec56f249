package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What client code generators rely on: every error carries {@code extensions.code} equal to its classification, every
 * argument of the served schema is described, and the served schema is the checked-in {@code schema.graphqls}.
 */
@IntegrationTest
class ContractTest extends HttpTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GraphQlSource graphQl;

    JsonNode post(String query) {
        return JSON.readTree(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query))
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    @Test
    void everyError_hasACodeEqualToItsClassification() {
        Map<String, String> expected = Map.of(
                "{ latest(first: 0) { totalCount } }", "BAD_REQUEST",
                "{ drafts(first: 1) { totalCount } }", "UNAUTHORIZED",
                "{ latest(first: ", "InvalidSyntax",
                "{ noSuchField }", "ValidationError",
                "{ a: latest(first: 100) { edges { node { tags { articles(first: 100) { edges { node { id } } } } } } } }",
                        "QUERY_TOO_COMPLEX",
                "mutation { createArticle(input: {headline: \"x\", section: \"berita\"}) { __typename } }",
                        "UNAUTHORIZED");
        expected.forEach((query, classification) -> {
            JsonNode errors = post(query).path("errors");
            assertThat(errors.size()).as(query).isPositive();
            for (JsonNode error : errors) {
                assertThat(error.at("/extensions/classification").asString())
                        .as(query)
                        .isEqualTo(classification);
                assertThat(error.at("/extensions/code").asString()).as(query).isEqualTo(classification);
            }
        });
    }

    @Test
    void everyArgumentOfTheServedSchema_hasADescription() {
        GraphQLSchema schema = graphQl.schema();
        List<String> undescribed = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__") || !(type instanceof GraphQLFieldsContainer container)) {
                continue;
            }
            for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                for (GraphQLArgument argument : field.getArguments()) {
                    if (argument.getDescription() == null
                            || argument.getDescription().isBlank()) {
                        undescribed.add(type.getName() + "." + field.getName() + "(" + argument.getName() + ")");
                    }
                }
            }
        }
        assertThat(undescribed).as("arguments without a description").isEmpty();
    }

    /**
     * The served schema declares only directives the service honours: graphql-java adds {@code @defer} and
     * {@code @experimental_disableErrorPropagation} to every schema, and neither is served (see {@link ServedSchema}),
     * by introspection, by the executed schema, or in its printed SDL.
     */
    @Test
    void servedSchema_declaresOnlyTheDirectivesTheServiceHonours() {
        List<String> introspected = new ArrayList<>();
        post("{ __schema { directives { name } } }")
                .at("/data/__schema/directives")
                .forEach(directive -> introspected.add(directive.path("name").asString()));
        assertThat(introspected).containsExactlyInAnyOrder("include", "skip", "deprecated", "specifiedBy", "oneOf");
        for (GraphQLSchema schema : List.of(graphQl.schema(), graphQl.graphQl().getGraphQLSchema())) {
            for (String unserved : List.of("defer", "experimental_disableErrorPropagation")) {
                assertThat(schema.getDirective(unserved)).as(unserved).isNull();
                assertThat(schema.getDirectivesByName()).as(unserved).doesNotContainKey(unserved);
            }
        }
        String sdl = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                        .includeDirectives(true)
                        .includeDirectiveDefinitions(true)
                        .includeDirectiveDefinition(name -> true))
                .print(graphQl.schema());
        assertThat(sdl)
                .contains("directive @skip")
                .doesNotContain("@defer")
                .doesNotContain("experimental_disableErrorPropagation");
    }

    @Test
    void servedSchema_isTheCheckedInSchema() throws Exception {
        SchemaPrinter printer = new SchemaPrinter(
                SchemaPrinter.Options.defaultOptions().includeDirectives(false).includeSchemaDefinition(false));
        GraphQLSchema served = graphQl.schema();
        // Built from the text alone, so every description (the scalars' too) is the file's.
        GraphQLSchema checkedIn = graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new graphql.schema.idl.SchemaParser().parse(Files.readString(Path.of("schema.graphqls"))));
        String servedText = printer.print(served);
        String checkedInText = printer.print(checkedIn);
        // Both prints are left in target/ so that a failure can be read with diff.
        Files.writeString(Path.of("target/schema-served.graphqls"), servedText);
        Files.writeString(Path.of("target/schema-checked-in.graphqls"), checkedInText);
        assertThat(servedText)
                .as("the served schema differs from schema.graphqls; diff target/schema-served.graphqls"
                        + " target/schema-checked-in.graphqls")
                .isEqualTo(checkedInText);
    }
}
