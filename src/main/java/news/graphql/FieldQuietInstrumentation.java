package news.graphql;

import graphql.execution.FieldValueInfo;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's instrumentations chained as graphql-java chains them, except that the hooks called for every field
 * and every object of a result skip the chain when none of the instrumentations implements them. graphql-java's chain
 * asks each instrumentation at each of those points (a list of 20 articles has hundreds), and the service's
 * instrumentations all work per request, not per field. The per-object hook asks only the instrumentations that
 * implement it.
 */
final class FieldQuietInstrumentation extends ChainedInstrumentation {

    /** What an instrumentation without the hook answers: graphql-java's own no-op contexts. */
    private static final Instrumentation IDLE = SimplePerformantInstrumentation.INSTANCE;

    private final boolean fieldExecution;

    private final boolean fieldFetch;

    private final boolean fieldFetching;

    private final boolean fieldCompletion;

    private final boolean fieldListCompletion;

    private final boolean dataFetcher;

    /** The instrumentations with their own {@code beginExecuteObject}: only they are asked, object after object. */
    private final Set<Instrumentation> objectHooks = Collections.newSetFromMap(new IdentityHashMap<>());

    FieldQuietInstrumentation(List<Instrumentation> instrumentations) {
        super(instrumentations);
        fieldExecution = anyImplements(
                instrumentations,
                "beginFieldExecution",
                InstrumentationFieldParameters.class,
                InstrumentationState.class);
        fieldFetch = anyImplements(
                instrumentations,
                "beginFieldFetch",
                InstrumentationFieldFetchParameters.class,
                InstrumentationState.class);
        fieldFetching = anyImplements(
                instrumentations,
                "beginFieldFetching",
                InstrumentationFieldFetchParameters.class,
                InstrumentationState.class);
        fieldCompletion = anyImplements(
                instrumentations,
                "beginFieldCompletion",
                InstrumentationFieldCompleteParameters.class,
                InstrumentationState.class);
        fieldListCompletion = anyImplements(
                instrumentations,
                "beginFieldListCompletion",
                InstrumentationFieldCompleteParameters.class,
                InstrumentationState.class);
        for (Instrumentation instrumentation : instrumentations) {
            if (anyImplements(
                    List.of(instrumentation),
                    "beginExecuteObject",
                    InstrumentationExecutionStrategyParameters.class,
                    InstrumentationState.class)) {
                objectHooks.add(instrumentation);
            }
        }
        dataFetcher = anyImplements(
                instrumentations,
                "instrumentDataFetcher",
                DataFetcher.class,
                InstrumentationFieldFetchParameters.class,
                InstrumentationState.class);
    }

    /** Whether any of the instrumentations has its own implementation of the hook (not the interface's no-op). */
    static boolean anyImplements(List<Instrumentation> instrumentations, String hook, Class<?>... parameters) {
        for (Instrumentation instrumentation : instrumentations) {
            try {
                Method method = instrumentation.getClass().getMethod(hook, parameters);
                Class<?> declaring = method.getDeclaringClass();
                if (declaring != Instrumentation.class && declaring != SimplePerformantInstrumentation.class) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(
                        "graphql-java has no hook " + hook + Arrays.toString(parameters) + " any more", e);
            }
        }
        return false;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(
            InstrumentationFieldParameters parameters, InstrumentationState state) {
        return fieldExecution
                ? super.beginFieldExecution(parameters, state)
                : IDLE.beginFieldExecution(parameters, state);
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationContext<Object> beginFieldFetch(
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return fieldFetch ? super.beginFieldFetch(parameters, state) : IDLE.beginFieldFetch(parameters, state);
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return fieldFetching || fieldFetch
                ? super.beginFieldFetching(parameters, state)
                : IDLE.beginFieldFetching(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(
            InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
        return fieldCompletion
                ? super.beginFieldCompletion(parameters, state)
                : IDLE.beginFieldCompletion(parameters, state);
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(
            InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
        return fieldListCompletion
                ? super.beginFieldListCompletion(parameters, state)
                : IDLE.beginFieldListCompletion(parameters, state);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(
            InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
        if (objectHooks.isEmpty()) {
            return IDLE.beginExecuteObject(parameters, state);
        }
        // The chain would ask every instrumentation and pass each object's completion to all their contexts.
        List<ExecuteObjectInstrumentationContext> contexts = chainedMapAndDropNulls(
                state,
                (instrumentation, own) -> objectHooks.contains(instrumentation)
                        ? instrumentation.beginExecuteObject(parameters, own)
                        : null);
        if (contexts.isEmpty()) {
            return ExecuteObjectInstrumentationContext.NOOP;
        }
        if (contexts.size() == 1) {
            return contexts.get(0);
        }
        return new ObjectContexts(contexts);
    }

    /** The object contexts of the instrumentations that have the hook, told in their order. */
    private record ObjectContexts(List<ExecuteObjectInstrumentationContext> contexts)
            implements ExecuteObjectInstrumentationContext {

        @Override
        public void onDispatched() {
            contexts.forEach(ExecuteObjectInstrumentationContext::onDispatched);
        }

        @Override
        public void onCompleted(Map<String, Object> result, Throwable t) {
            contexts.forEach(c -> c.onCompleted(result, t));
        }

        @Override
        public void onFieldValuesInfo(List<FieldValueInfo> fieldValueInfoList) {
            contexts.forEach(c -> c.onFieldValuesInfo(fieldValueInfoList));
        }

        @Override
        public void onFieldValuesException() {
            contexts.forEach(ExecuteObjectInstrumentationContext::onFieldValuesException);
        }
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return dataFetcher ? super.instrumentDataFetcher(fetcher, parameters, state) : fetcher;
    }
}
