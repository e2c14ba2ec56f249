package news.content;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The PostgreSQL notification channel that carries content changes between instances. */
@Repository
class ContentRepository {

    /** A fixed identifier, so it is written into LISTEN as is (LISTEN takes no parameter). */
    static final String CHANNEL = "news_content";

    private final DSLContext dsl;

    ContentRepository(DSLContext dsl) {
        this.dsl = dsl;
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
