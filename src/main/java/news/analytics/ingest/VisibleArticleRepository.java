package news.analytics.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * When articles become public, for {@link VisibleArticles}: the rule of {@code ArticleCatalog.publicFrom} (published
 * or scheduled, with a publish time), as one prepared statement whatever the number of ids (an array parameter), sent
 * through JDBC without building a query per lookup, so that a view of an article not cached costs the request this
 * one round trip and little else.
 */
@Repository
class VisibleArticleRepository {

    private static final String PUBLIC_FROM = "select id, published_at from article where id = any(?)"
            + " and status in ('PUBLISHED', 'SCHEDULED') and published_at is not null";

    private final DSLContext dsl;

    VisibleArticleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** When each of {@code ids} becomes (or became) public; articles not published or scheduled are absent. */
    Map<Long, OffsetDateTime> publicFrom(Collection<? extends Long> ids) {
        Map<Long, OffsetDateTime> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PUBLIC_FROM)) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1), rows.getObject(2, OffsetDateTime.class));
                    }
                }
            }
        });
        return found;
    }
}
