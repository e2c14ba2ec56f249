package news.database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Statements whose SQL text jOOQ renders once per shape instead of once per execution. Rendering a statement with
 * nested lists costs more CPU than PostgreSQL spends running it; the statements of the hottest reads differ only in
 * their bound values. A shape is built once with a sentinel value, the rendered text is kept together with its
 * select list, and later executions bind their own value at every place the sentinel was bound. Building a statement
 * that binds anything other than the sentinel is a programming error, refused at the first execution.
 *
 * <p>Executions go to JDBC directly, on a connection of jOOQ's provider (so inside the caller's transaction when there
 * is one), and rows are read by position through {@link Row}: jOOQ's own execution would parse the rendered text
 * again and build a record for every row. A failure is translated as jOOQ's statements are, into Spring's
 * {@link DataAccessException}s, with the driver's exception as the cause.
 *
 * @param <K> what tells the shapes apart (for example, which parts of an article a page asks for)
 */
public final class RenderedStatements<K> {

    private static final SQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    private final DSLContext dsl;

    private final ConcurrentHashMap<K, Rendered> rendered = new ConcurrentHashMap<>();

    private final Cache<K, Rendered> renderedWithSlots =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /** The text of a shape, how many values it binds, and for each bind the index of the slot whose value it takes. */
    private record Rendered(String sql, int binds, int[] slots) {}

    /** Makes one result from a row; the row is valid only during the call. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row);
    }

    public RenderedStatements(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Runs the statement of {@code shape} for {@code value}: {@code build} makes it for any value and is called once,
     * with {@code sentinel}.
     */
    public <V, T> Optional<T> fetchOptional(
            K shape, V sentinel, V value, Function<V, ResultQuery<? extends Record>> build, RowMapper<T> mapper) {
        Rendered statement = rendered.computeIfAbsent(shape, s -> render(build.apply(sentinel), sentinel));
        Object[] binds = new Object[statement.binds()];
        Arrays.fill(binds, value);
        List<T> rows = execute(statement.sql(), binds, mapper);
        if (rows.size() > 1) {
            throw new IllegalStateException("A statement fetched for at most one row returned " + rows.size());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> execute(String sql, Object[] binds, RowMapper<T> mapper) {
        // A connection that cannot be had fails here as it does for jOOQ's own statements.
        Connection connection = dsl.configuration().connectionProvider().acquire();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                Row row = Row.of(rows);
                while (rows.next()) {
                    result.add(mapper.map(row));
                }
            }
            return result;
        } catch (SQLException ex) {
            throw translate(sql, ex);
        } catch (Row.RowReadException ex) {
            throw translate(sql, (SQLException) ex.getCause());
        } finally {
            dsl.configuration().connectionProvider().release(connection);
        }
    }

    private static DataAccessException translate(String sql, SQLException cause) {
        DataAccessException translated = TRANSLATOR.translate("rendered statement", sql, cause);
        return translated != null ? translated : new UncategorizedSQLException("rendered statement", sql, cause);
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
        return new Rendered(sql, binds.size(), null);
    }

    /**
     * Runs the statement of {@code shape}, which binds several values: {@code build} wraps each value it binds in
     * {@link Slots#of}. It is called on every execution to collect the values (building a statement is cheap next to
     * rendering it), and once more per shape with sentinels in place of the values, for the text.
     */
    public <T> List<T> fetch(K shape, Function<Slots, ResultQuery<? extends Record>> build, RowMapper<T> mapper) {
        Slots values = new Slots(false);
        build.apply(values);
        Rendered statement = renderedWithSlots.get(shape, s -> renderWithSlots(build));
        Object[] binds = new Object[statement.binds()];
        for (int i = 0; i < binds.length; i++) {
            binds[i] = values.values.get(statement.slots()[i]);
        }
        return execute(statement.sql(), binds, mapper);
    }

    private Rendered renderWithSlots(Function<Slots, ResultQuery<? extends Record>> build) {
        Slots sentinels = new Slots(true);
        ResultQuery<? extends Record> query = build.apply(sentinels);
        List<Object> binds = dsl.extractBindValues(query);
        int[] slots = new int[binds.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = sentinels.indexOf(binds.get(i));
            if (slots[i] < 0) {
                throw new IllegalStateException(
                        "A rendered statement binds a value not given to Slots.of: " + binds.get(i));
            }
        }
        String sql = dsl.render(query);
        if (sql.indexOf('{') >= 0) {
            throw new IllegalStateException("A rendered statement must not contain '{' (plain SQL placeholders)");
        }
        return new Rendered(sql, binds.size(), slots);
    }

    /**
     * The values a statement binds, in the order it is built: the values themselves on an execution, distinct
     * sentinels of the same types when the shape is rendered.
     */
    public static final class Slots {

        private final boolean sentinels;

        private final List<Object> values = new ArrayList<>();

        private Slots(boolean sentinels) {
            this.sentinels = sentinels;
        }

        /** {@code value}, to be bound; a Long, Integer, String or OffsetDateTime. */
        @SuppressWarnings("unchecked")
        public <V> V of(V value) {
            Object bound = sentinels ? sentinel(value, values.size()) : value;
            values.add(bound);
            return (V) bound;
        }

        /** Where {@code bound} was given; jOOQ may bind a number as a wider type (a limit as a long). */
        private int indexOf(Object bound) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value.equals(bound)
                        || value instanceof Number a && bound instanceof Number b && a.longValue() == b.longValue()) {
                    return i;
                }
            }
            return -1;
        }

        private static Object sentinel(Object like, int n) {
            if (like instanceof Long) {
                return Long.MIN_VALUE + n;
            }
            if (like instanceof Integer) {
                return Integer.MIN_VALUE + n;
            }
            if (like instanceof String) {
                return "\u0001sentinel-" + n;
            }
            if (like instanceof OffsetDateTime) {
                return OffsetDateTime.of(1, 1, 1, 0, 0, 0, n, ZoneOffset.UTC);
            }
            throw new IllegalArgumentException("no sentinel for " + (like == null ? "null" : like.getClass()));
        }
    }
}
