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
                try {
                    long value = rows.getLong(column + 1);
                    return rows.wasNull() ? null : value;
                } catch (SQLException ex) {
                    throw new RowReadException(ex);
                }
            }

            @Override
            public Integer getInteger(int column) {
                try {
                    int value = rows.getInt(column + 1);
                    return rows.wasNull() ? null : value;
                } catch (SQLException ex) {
                    throw new RowReadException(ex);
                }
            }

            @Override
            public String getString(int column) {
                try {
                    return rows.getString(column + 1);
                } catch (SQLException ex) {
                    throw new RowReadException(ex);
                }
            }

            @Override
            public OffsetDateTime getOffsetDateTime(int column) {
                try {
                    return rows.getObject(column + 1, OffsetDateTime.class);
                } catch (SQLException ex) {
                    throw new RowReadException(ex);
                }
            }

            @Override
            public Long[] getLongArray(int column) {
                try {
                    Array array = rows.getArray(column + 1);
                    return array == null ? null : (Long[]) array.getArray();
                } catch (SQLException ex) {
                    throw new RowReadException(ex);
                }
            }
        };
    }

    /** A column that could not be read; its cause is the driver's exception. */
    final class RowReadException extends RuntimeException {

        RowReadException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
