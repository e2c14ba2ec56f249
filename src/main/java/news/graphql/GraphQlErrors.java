package news.graphql;

import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps exceptions to classified GraphQL errors. Expected failures name the offending argument; anything unexpected is
 * logged with a reference id and answered with that id only, never with a stack trace or SQL.
 */
@ControllerAdvice
class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @GraphQlExceptionHandler
    GraphQLError badInput(BadInputException ex, DataFetchingEnvironment env) {
        return ClassifiedError.of(env, ErrorType.BAD_REQUEST, ex.getMessage(), Map.of("argument", ex.argument()));
    }

    @GraphQlExceptionHandler
    GraphQLError conflict(ConflictException ex, DataFetchingEnvironment env) {
        return ClassifiedError.of(env, ConflictException.CONFLICT, ex.getMessage(),
                Map.of("argument", ex.argument()));
    }

    @GraphQlExceptionHandler
    GraphQLError unexpected(Exception ex, DataFetchingEnvironment env) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error {} at {}", reference, env.getExecutionStepInfo().getPath(), ex);
        return ClassifiedError.of(env, ErrorType.INTERNAL_ERROR, "Internal error; reference " + reference + ".",
                Map.of("reference", reference));
    }
}
