package news.content;

import static org.jooq.impl.DSL.currentOffsetDateTime;

import org.jooq.Condition;

import news.db.tables.Article;

/**
 * The one rule of what readers may see, as a condition on an {@code article} table: published, or scheduled and due.
 * It lives here rather than in the article feature so that features the article feature depends on (tags) can apply
 * it too. The database's clock decides, so no job has to run when a scheduled article falls due.
 */
public final class Visibility {

    private Visibility() {
    }

    public static Condition publicArticle(Article article) {
        return article.STATUS.in("PUBLISHED", "SCHEDULED").and(article.PUBLISHED_AT.le(currentOffsetDateTime()));
    }
}
