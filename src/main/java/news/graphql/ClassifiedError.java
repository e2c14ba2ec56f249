package news.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;

/** Builds the errors this API answers with: a classification, a message for people, and the field it arose at. */
public final class ClassifiedError {

    private ClassifiedError() {}

    public static GraphQLError of(
            DataFetchingEnvironment env, ErrorClassification type, String message, Map<String, Object> extensions) {
        return GraphQLError.newError()
                .errorType(type)
                .message(message)
                .path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation())
                .extensions(extensions)
                .build();
    }
}
