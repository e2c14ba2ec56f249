/**
 * Search and related articles over PostgreSQL's own full-text search: {@code Query.search} (Indonesian stemming,
 * weighted headline, summary and body, a recency boost, a typo-tolerant trigram fallback on headlines, prefix
 * matching of the last word, keyset pages) and {@code Article.related}. The index is a generated column maintained by
 * the database on every write (migration {@code V4__search.sql}); visibility is the one rule of
 * {@link news.content.ContentRepository#publicArticle}.
 */
@ApplicationModule(allowedDependencies = {"article", "content", "db", "graphql", "section"})
package news.search;

import org.springframework.modulith.ApplicationModule;
