package news.security;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Mono;

/**
 * Finds the GraphQL operations whose answers are private: every mutation, and every query that selects an editors'
 * root field, i.e. a {@code Query} field whose controller method is guarded with {@code @PreAuthorize} (so a new
 * editors' field is covered the moment it is guarded). As an instrumentation it inspects the operation that is
 * executed (aliases and fragments included); as an interceptor it marks the response for {@link PrivateResponses}.
 */
final class PrivateOperations extends SimplePerformantInstrumentation
        implements WebGraphQlInterceptor, SmartInitializingSingleton {

    private static final String CONTEXT_KEY = PrivateOperations.class.getName();

    private final ListableBeanFactory beans;

    private volatile Set<String> editorFields = Set.of();

    PrivateOperations(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (isPrivate(execution.getOperationDefinition(), execution.getFragmentsByName())) {
            execution.getGraphQLContext().put(CONTEXT_KEY, Boolean.TRUE);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        boolean authorized = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        return chain.next(request).map(response -> {
            GraphQLContext context = response.getExecutionInput().getGraphQLContext();
            if (authorized || Boolean.TRUE.equals(context.get(CONTEXT_KEY))) {
                // PrivateResponses then keeps the header whatever else sets caching headers later.
                PrivateResponses.markPrivate(request.getAttributes());
                response.getResponseHeaders().set(HttpHeaders.CACHE_CONTROL, PrivateResponses.CACHE_CONTROL);
            }
            return response;
        });
    }

    boolean isPrivate(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return true;
        }
        Set<String> rootFields = new HashSet<>();
        collectFields(operation.getSelectionSet(), fragments, rootFields, new HashSet<>());
        return !Collections.disjoint(rootFields, editorFields());
    }

    private static void collectFields(
            SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> into, Set<String> seenFragments) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                into.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                collectFields(inline.getSelectionSet(), fragments, into, seenFragments);
            } else if (selection instanceof FragmentSpread spread && seenFragments.add(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null) {
                    collectFields(fragment.getSelectionSet(), fragments, into, seenFragments);
                }
            }
        }
    }

    /** Reads the guards once all controllers are defined, so no request pays for it. */
    @Override
    public void afterSingletonsInstantiated() {
        editorFields = Set.copyOf(guardedQueryFields(beans));
    }

    /** The {@code Query} fields only editors may read, from the {@code @PreAuthorize} guards of the controllers. */
    Set<String> editorFields() {
        return editorFields;
    }

    static Set<String> guardedQueryFields(ListableBeanFactory beans) {
        Set<String> fields = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(Controller.class)) {
            Class<?> type = beans.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> controller = ClassUtils.getUserClass(type);
            boolean guarded = AnnotatedElementUtils.hasAnnotation(controller, PreAuthorize.class);
            SchemaMapping onClass = AnnotatedElementUtils.findMergedAnnotation(controller, SchemaMapping.class);
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(controller)) {
                SchemaMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, SchemaMapping.class);
                if (mapping == null) {
                    continue;
                }
                String typeName =
                        !mapping.typeName().isEmpty() ? mapping.typeName() : onClass != null ? onClass.typeName() : "";
                if (typeName.equals("Query")
                        && (guarded || AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class))) {
                    fields.add(mapping.field().isEmpty() ? method.getName() : mapping.field());
                }
            }
        }
        return fields;
    }
}
