package news.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Operations a limit has already let through, so that a repeated one is not measured again. The depth and the
 * complexity of an operation depend on its document and on the values of only a few of its variables: those given
 * to a {@code first} argument (the page size weighs a list) and to a directive ({@code @skip}, {@code @include}). A
 * passed operation is remembered by its document (the parsed-document cache hands the same instance to every
 * request with the same text), its name and those values; an article page asked for another slug is the same
 * operation to a limit. Neither cache holds a document: a key names its document by a token.
 */
final class PassedOperations {

    /**
     * Per document, held weakly (by identity): an entry lives only while the document does, so documents evicted
     * from the parsed-document cache, or never kept there, are not retained here.
     */
    private final Cache<Document, Weighing> weighing =
            Caffeine.newBuilder().weakKeys().maximumSize(2_000).build();

    /** The variables that weigh on a document's limits, and a token standing for the document in passed keys. */
    private record Weighing(Set<String> names, Object token) {}

    /**
     * Keys hold the operation's name and the values of its weighing variables, both chosen by the client (a name may
     * be as long as a request body), so the memo is bounded by an estimate of the bytes its keys hold, not by their
     * number.
     */
    private final Cache<List<Object>, Object> passed = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((List<Object> key, Object value) -> weight(key))
            .build();

    /** Bound of the memo of passed operations: about 20,000 operations of ordinary names. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** A key's share of the heap: its list and entry, 16 bytes an element, and every text at 2 bytes a character. */
    static int weight(List<Object> key) {
        long bytes = 150 + 16L * key.size();
        for (Object part : key) {
            if (part instanceof CharSequence text) {
                bytes += 40 + 2L * text.length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /**
     * Runs {@code measure} (a limit's check, which throws when the operation is over it) unless this operation passed
     * before; remembers it when it passes.
     */
    <T> T unlessPassed(ExecutionContext execution, Supplier<T> measure) {
        List<Object> key = key(execution);
        if (passed.getIfPresent(key) != null) {
            return null;
        }
        T result = measure.get();
        passed.put(key, Boolean.TRUE);
        return result;
    }

    /**
     * The value {@code measure} gives for this operation, measured the first time the operation is seen and then
     * remembered like a passed operation (a measure that depends only on the document and the weighing variables).
     */
    @SuppressWarnings("unchecked")
    <T> T measured(ExecutionContext execution, Supplier<T> measure) {
        List<Object> key = key(execution);
        Object known = passed.getIfPresent(key);
        if (known != null) {
            return (T) known;
        }
        T value = measure.get();
        passed.put(key, value);
        return value;
    }

    /** What a limit's verdict on this execution depends on. */
    private List<Object> key(ExecutionContext execution) {
        Weighing document =
                weighing.get(execution.getDocument(), d -> new Weighing(weighingVariables(d), new Object()));
        Set<String> names = document.names();
        List<Object> key = new ArrayList<>(2 + 2 * names.size());
        key.add(document.token());
        key.add(String.valueOf(execution.getOperationDefinition().getName()));
        Map<String, Object> variables = execution.getCoercedVariables().toMap();
        for (String name : names) {
            key.add(name);
            key.add(variables.get(name));
        }
        return key;
    }

    /** Variables used in a {@code first} argument or in a directive's arguments, anywhere in the document. */
    static Set<String> weighingVariables(Document document) {
        Set<String> names = new HashSet<>();
        new NodeTraverser()
                .depthFirst(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitVariableReference(
                                    VariableReference node, TraverserContext<Node> context) {
                                for (Node<?> parent : context.getParentNodes()) {
                                    if (parent instanceof Directive
                                            || parent instanceof Argument argument
                                                    && argument.getName().equals("first")) {
                                        names.add(node.getName());
                                        break;
                                    }
                                }
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        return Set.copyOf(names);
    }
}
