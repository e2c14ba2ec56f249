package news.security;

import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Hands the reason a bearer token was rejected to the GraphQL layer, which reports it with UNAUTHORIZED errors. */
@Component
class TokenFailureInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object failure = request.getAttributes().get(LenientBearerTokenFilter.FAILURE);
        if (failure != null) {
            request.configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(LenientBearerTokenFilter.FAILURE, failure))
                            .build());
        }
        return chain.next(request);
    }
}
