package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The chain skips the hooks of every field only when none of its instrumentations implements them. */
class FieldQuietInstrumentationTest {

    private static final GraphQLSchema SCHEMA = new SchemaGenerator()
            .makeExecutableSchema(
                    new SchemaParser().parse("type Query { items: [Item] } type Item { a: Int b: Int }"),
                    RuntimeWiring.newRuntimeWiring()
                            .type(
                                    "Query",
                                    t -> t.dataFetcher(
                                            "items", env -> List.of(Map.of("a", 1, "b", 2), Map.of("a", 3, "b", 4))))
                            .build());

    /** Works per request only, like every instrumentation of the service. */
    static final class PerOperation extends SimplePerformantInstrumentation {

        final AtomicInteger operations = new AtomicInteger();

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            operations.incrementAndGet();
            return null;
        }
    }

    /** Counts every field fetch. */
    static final class PerField extends SimplePerformantInstrumentation {

        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(
                InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            fetches.incrementAndGet();
            return null;
        }
    }

    @Test
    void fieldHooksAreSkippedWhenNoInstrumentationHasThem_andOperationHooksStillRun() {
        PerOperation first = new PerOperation();
        PerOperation second = new PerOperation();
        List<Instrumentation> chain = List.of(first, second);
        assertThat(FieldQuietInstrumentation.anyImplements(
                        chain,
                        "beginFieldFetching",
                        InstrumentationFieldFetchParameters.class,
                        InstrumentationState.class))
                .isFalse();

        ExecutionResult result = run(chain);

        assertThat(result.getErrors()).isEmpty();
        assertThat(first.operations).hasValue(1);
        assertThat(second.operations).hasValue(1);
    }

    /** Counts every object it is asked about and every completion, with a state of its own. */
    static final class PerObject extends SimplePerformantInstrumentation {

        final AtomicInteger objects = new AtomicInteger();

        final AtomicInteger completed = new AtomicInteger();

        private record Own(PerObject owner) implements InstrumentationState {}

        @Override
        public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
            return new Own(this);
        }

        @Override
        public ExecuteObjectInstrumentationContext beginExecuteObject(
                InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
            assertThat(state).isEqualTo(new Own(this));
            objects.incrementAndGet();
            return new ExecuteObjectInstrumentationContext() {
                @Override
                public void onDispatched() {}

                @Override
                public void onCompleted(Map<String, Object> result, Throwable t) {
                    completed.incrementAndGet();
                }
            };
        }
    }

    @Test
    void objectHooks_reachOnlyAndEveryInstrumentationThatHasThem_withItsOwnState() {
        for (int withHook = 1; withHook <= 2; withHook++) {
            PerOperation operation = new PerOperation();
            List<PerObject> hooked = new java.util.ArrayList<>();
            List<Instrumentation> chain = new java.util.ArrayList<>(List.of(operation));
            for (int i = 0; i < withHook; i++) {
                PerObject object = new PerObject();
                hooked.add(object);
                chain.add(object);
            }

            ExecutionResult result = run(chain);

            assertThat(result.getErrors()).isEmpty();
            assertThat(operation.operations).hasValue(1);
            for (PerObject object : hooked) {
                // the two items
                assertThat(object.objects).hasValue(2);
                assertThat(object.completed).hasValue(2);
            }
        }
    }

    @Test
    void anInstrumentationWithAFieldHookSeesEveryField() {
        PerOperation operation = new PerOperation();
        PerField field = new PerField();

        ExecutionResult result = run(List.of(operation, field));

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).containsKey("items");
        // items, then a and b of each of the two items
        assertThat(field.fetches).hasValue(5);
        assertThat(operation.operations).hasValue(1);
    }

    private static ExecutionResult run(List<Instrumentation> chain) {
        return GraphQL.newGraphQL(SCHEMA)
                .instrumentation(new FieldQuietInstrumentation(chain))
                .build()
                .execute("{ items { a b } }");
    }
}
