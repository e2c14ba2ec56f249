package news.database;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.ResultQuery;

/**
 * Statements whose SQL text jOOQ renders once per shape instead of once per execution. Rendering a statement with
 * nested lists costs more CPU than PostgreSQL spends running it; the statements of the hottest reads differ only in
 * their bound values. A shape is built once with a sentinel value, the rendered text is kept together with its
 * select list, and later executions bind their own value at every place the sentinel was bound. Building a statement
 * that binds anything other than the sentinel is a programming error, refused at the first execution.
 *
 * @param <K> what tells the shapes apart (for example, which parts of an article a page asks for)
 */
public final class RenderedStatements<K> {

    private final DSLContext dsl;

    private final ConcurrentHashMap<K, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(String sql, Field<?>[] fields, int binds) {}

    public RenderedStatements(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Runs the statement of {@code shape} for {@code value}: {@code build} makes it for any value and is called once,
     * with {@code sentinel}.
     */
    public <V, T> Optional<T> fetchOptional(
            K shape,
            V sentinel,
            V value,
            Function<V, ResultQuery<? extends Record>> build,
            RecordMapper<Record, T> mapper) {
        Rendered statement = rendered.computeIfAbsent(shape, s -> render(build.apply(sentinel), sentinel));
        Object[] binds = new Object[statement.binds()];
        Arrays.fill(binds, value);
        return dsl.resultQuery(statement.sql(), binds)
                .coerce(statement.fields())
                .fetchOptional(mapper);
    }

    private Rendered render(ResultQuery<? extends Record> query, Object sentinel) {
        List<Object> binds = dsl.extractBindValues(query);
        for (Object bind : binds) {
            if (!sentinel.equals(bind)) {
                throw new IllegalStateException("A rendered statement may bind only its sentinel, not " + bind);
            }
        }
        String sql = dsl.render(query);
        if (sql.indexOf('{') >= 0) {
            throw new IllegalStateException("A rendered statement must not contain '{' (plain SQL placeholders)");
        }
        return new Rendered(sql, query.fields(), binds.size());
    }
}
