package news.content;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import news.db.tables.Article;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * The SQL that every feature's content rests on: the one rule of what readers may see, and the PostgreSQL
 * notification channel that carries content changes between instances.
 */
@Repository
public class ContentRepository {

    /** A fixed identifier, so it is written into LISTEN as is (LISTEN takes no parameter). */
    static final String CHANNEL = "news_content";

    private final DSLContext dsl;

    ContentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * What readers may see, as a condition on an {@code article} table: published, or scheduled and due. It lives
     * here rather than in the article feature so that features the article feature depends on (tags) can apply it
     * too; only repositories use it. The database's clock decides, so no job has to run when a scheduled article
     * falls due.
     */
    public static Condition publicArticle(Article article) {
        // The statuses are inlined, not bound: the partial feed indexes name them, and a generic plan of a statement
        // with them as parameters could not use those indexes.
        return article.STATUS
                .in(inline("PUBLISHED"), inline("SCHEDULED"))
                .and(article.PUBLISHED_AT.le(currentOffsetDateTime()));
    }

    /**
     * Queues a notification in the current transaction: PostgreSQL delivers it only if and when that transaction
     * commits, and identical payloads of one transaction once.
     */
    void notify(String payload) {
        dsl.fetch("select pg_notify(?, ?)", CHANNEL, payload);
    }

    static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }
}
