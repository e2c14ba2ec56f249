package news.database;

import static news.db.Tables.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import news.IntegrationTest;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements rendered once go to JDBC themselves: values of every kind they bind and read must come back as jOOQ
 * would give them, a failure must be a {@link DataAccessException} that still names the driver's cause, connections
 * must go back to the pool whatever happens, and a statement inside a transaction must see that transaction.
 */
@IntegrationTest
class RenderedStatementsDatabaseTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    PlatformTransactionManager transactions;

    /** One row of every kind {@link Row} reads, each column once with a value and once null. */
    private record Kinds(
            Long number,
            Integer small,
            String text,
            OffsetDateTime instant,
            Long[] ids,
            Long noNumber,
            Integer noSmall,
            String noText,
            OffsetDateTime noInstant,
            Long[] noIds) {}

    @Test
    void boundValuesAndEveryColumnKind_comeBackAsTheyWere() {
        RenderedStatements<String> statements = new RenderedStatements<>(dsl);
        OffsetDateTime instant = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 123_000_000, ZoneOffset.ofHours(7));
        for (long n : new long[] {1L, 9_000_000_000L}) {
            String text = "teks '" + n + "' \u00e9";
            List<Kinds> rows = statements.fetch(
                    "kinds",
                    slots -> dsl.select(
                            val(slots.of(n)),
                            val(slots.of((int) n)),
                            val(slots.of(text)),
                            val(slots.of(instant)),
                            org.jooq.impl.DSL.array(val(slots.of(n)), val(slots.of(n + 1))),
                            inline(null, SQLDataType.BIGINT),
                            inline(null, SQLDataType.INTEGER),
                            inline(null, SQLDataType.VARCHAR),
                            inline(null, SQLDataType.TIMESTAMPWITHTIMEZONE),
                            inline(null, SQLDataType.BIGINT.array())),
                    r -> new Kinds(
                            r.getLong(0),
                            r.getInteger(1),
                            r.getString(2),
                            r.getOffsetDateTime(3),
                            r.getLongArray(4),
                            r.getLong(5),
                            r.getInteger(6),
                            r.getString(7),
                            r.getOffsetDateTime(8),
                            r.getLongArray(9)));
            assertThat(rows).hasSize(1);
            Kinds row = rows.get(0);
            assertThat(row.number()).isEqualTo(n);
            assertThat(row.small()).isEqualTo((int) n);
            assertThat(row.text()).isEqualTo(text);
            assertThat(row.instant().toInstant()).isEqualTo(instant.toInstant());
            assertThat(row.ids()).containsExactly(n, n + 1);
            assertThat(row.noNumber()).isNull();
            assertThat(row.noSmall()).isNull();
            assertThat(row.noText()).isNull();
            assertThat(row.noInstant()).isNull();
            assertThat(row.noIds()).isNull();
        }
    }

    @Test
    void aFailingStatement_isADataAccessExceptionAndGivesItsConnectionBack() {
        RenderedStatements<String> statements = new RenderedStatements<>(dsl);
        // More failures than the pool has connections: a connection kept by a failure would exhaust it.
        for (int i = 0; i < 25; i++) {
            assertThatThrownBy(() -> statements.fetchOptional(
                            "divide", -1L, 0L, d -> dsl.select(inline(1L).div(val(d))), r -> r.getLong(0)))
                    .isInstanceOf(DataAccessException.class)
                    .hasRootCauseInstanceOf(SQLException.class)
                    .satisfies(ex -> assertThat(((SQLException) ex.getCause()).getSQLState())
                            .isEqualTo("22012"));
        }
        assertThat(statements.fetchOptional(
                        "divide", -1L, 1L, d -> dsl.select(inline(1L).div(val(d))), r -> r.getLong(0)))
                .contains(1L);
    }

    @Test
    void insideATransaction_theStatementSeesItsUncommittedWrites() {
        RenderedStatements<String> statements = new RenderedStatements<>(dsl);
        String slug = "rendered-statement-probe";
        Supplier<Optional<String>> nameOfTag = () -> statements.fetchOptional(
                "tag", "\u0001", slug, s -> dsl.select(TAG.NAME).from(TAG).where(TAG.SLUG.eq(s)), r -> r.getString(0));
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            dsl.insertInto(TAG, TAG.SLUG, TAG.NAME).values(slug, "Probe").execute();
            assertThat(nameOfTag.get()).contains("Probe");
            status.setRollbackOnly();
        });
        assertThat(nameOfTag.get()).isEmpty();
    }
}
