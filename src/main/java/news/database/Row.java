package news.database;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jooq.Record;

/**
 * One row of a result, read by position (0 is the first column) and by the Java type the caller expects: the same
 * mapping serves rows that jOOQ fetched and rows that {@link RenderedStatements} read from JDBC itself. A SQL null
 * is a Java null.
 */
public interface Row {

    Long getLong(int column);

    Integer getInteger(int column);

    String getString(int column);

    OffsetDateTime getOffsetDateTime(int column);

    /** A {@code bigint[]} column. */
    Long[] getLongArray(int column);

    /** A row jOOQ fetched. */
    static Row of(Record record) {
        return new Row() {
            @Override
            public Long getLong(int column) {
                return record.get(column, Long.class);
            }

            @Override
            public Integer getInteger(int column) {
                return record.get(column, Integer.class);
            }

            @Override
            public String getString(int column) {
                return record.get(column, String.class);
            }

            @Override
            public OffsetDateTime getOffsetDateTime(int column) {
                return record.get(column, OffsetDateTime.class);
            }

            @Override
            public Long[] getLongArray(int column) {
                return record.get(column, Long[].class);
            }
        };
    }

    /** The current row of {@code rows}; valid until it moves on. */
    static Row of(ResultSet rows) {
        return new Row() {
            @Override
            public Long getLong(int column) {
                return read(column, at -> {
                    long value = rows.getLong(at);
                    return rows.wasNull() ? null : value;
                });
            }

            @Override
            public Integer getInteger(int column) {
                return read(column, at -> {
                    int value = rows.getInt(at);
                    return rows.wasNull() ? null : value;
                });
            }

            @Override
            public String getString(int column) {
                return read(column, rows::getString);
            }

            @Override
            public OffsetDateTime getOffsetDateTime(int column) {
                return read(column, at -> rows.getObject(at, OffsetDateTime.class));
            }

            @Override
            public Long[] getLongArray(int column) {
                return read(column, at -> {
                    Array array = rows.getArray(at);
                    return array == null ? null : (Long[]) array.getArray();
                });
            }
        };
    }

    /** Reads one column through JDBC, whose columns count from 1. */
    private static <T> T read(int column, Column<T> reader) {
        try {
            return reader.read(column + 1);
        } catch (SQLException ex) {
            throw new RowReadException(ex);
        }
    }

    /** A JDBC getter of one column. */
    @FunctionalInterface
    interface Column<T> {
        T read(int jdbcColumn) throws SQLException;
    }

    /** A column that could not be read; its cause is the driver's exception. */
    final class RowReadException extends RuntimeException {

        RowReadException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
