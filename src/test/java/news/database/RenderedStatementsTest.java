package news.database;

import static news.db.Tables.ARTICLE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A statement rendered once per shape must bind nothing but its slots: a value bound directly would be frozen into
 * the shape and reused for every later execution. Both guards refuse before any SQL runs (no connection here).
 */
class RenderedStatementsTest {

    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES);

    @Test
    void aValueBoundOutsideTheSlots_isRefused() {
        RenderedStatements<String> statements = new RenderedStatements<>(dsl);
        assertThatThrownBy(() -> statements.fetch(
                        "shape",
                        slots -> dsl.select(ARTICLE.ID)
                                .from(ARTICLE)
                                .where(ARTICLE.SLUG.eq(slots.of("a-slug")))
                                .limit(20),
                        r -> r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not given to Slots.of");
    }

    @Test
    void aSingleValueStatementThatBindsAnythingElse_isRefused() {
        RenderedStatements<String> statements = new RenderedStatements<>(dsl);
        assertThatThrownBy(() -> statements.fetchOptional(
                        "shape",
                        -1L,
                        7L,
                        id -> dsl.select(ARTICLE.ID)
                                .from(ARTICLE)
                                .where(ARTICLE.ID.eq(id))
                                .limit(1),
                        r -> r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may bind only its sentinel");
    }
}
