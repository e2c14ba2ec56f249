package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import java.util.ArrayList;
import java.util.List;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

/**
 * The served schema agrees with {@link PlainFields}: each listed field has a plain data fetcher, and every other
 * field that is not a plain property is resolved by an annotated controller method (Spring's self-describing data
 * fetchers). A listed field whose wiring was removed, or a plain fetcher wired some other way, fails here.
 */
@IntegrationTest
class PlainFieldsWiredTest {

    @Autowired
    GraphQlSource graphQl;

    @Test
    void servedSchema_wiresExactlyTheListedFieldsAsPlainDataFetchers() {
        GraphQLSchema schema = graphQl.schema();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        List<String> listedButNotPlain = new ArrayList<>();
        List<String> plainButNotListed = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (GraphQLObjectType type : schema.getAllTypesAsList().stream()
                .filter(GraphQLObjectType.class::isInstance)
                .map(GraphQLObjectType.class::cast)
                .filter(t -> !t.getName().startsWith("__"))
                .toList()) {
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                DataFetcher<?> fetcher = registry.getDataFetcher(FieldCoordinates.coordinates(type, field), field);
                boolean annotated = fetcher instanceof SelfDescribingDataFetcher<?>;
                boolean property =
                        fetcher instanceof PropertyDataFetcher<?> || fetcher instanceof SingletonPropertyDataFetcher<?>;
                String name = type.getName() + "." + field.getName();
                boolean listed = PlainFields.listed(type.getName(), field.getName());
                if (listed) {
                    plain.add(name);
                    if (annotated || property) {
                        listedButNotPlain.add(name);
                    }
                } else if (!annotated && !property) {
                    plainButNotListed.add(name + " (" + fetcher.getClass().getName() + ")");
                }
            }
        }
        assertThat(plain).as("listed fields in the schema").hasSize(16);
        assertThat(listedButNotPlain)
                .as("listed in PlainFields but not wired as plain data fetchers")
                .isEmpty();
        assertThat(plainButNotListed)
                .as("plain data fetchers not listed in PlainFields")
                .isEmpty();
    }
}
