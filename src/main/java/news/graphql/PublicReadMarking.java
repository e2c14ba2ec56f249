package news.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import news.database.PublicReads;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Marks a query without an editor's token as a public read ({@link PublicReads}), which read replicas may answer when
 * configured (docs/operations.md, "Read replicas"). Mutations, subscriptions and every operation of a request that
 * carries a valid token are not marked: they read the primary, so an editor sees the newsroom's latest state at once.
 */
final class PublicReadMarking extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (parameters.getExecutionContext().getOperationDefinition().getOperation()
                        != OperationDefinition.Operation.QUERY
                || isEditor()) {
            return SimpleInstrumentationContext.noOp();
        }
        PublicReads.Scope scope = PublicReads.begin();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> scope.close());
    }

    private static boolean isEditor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
