/**
 * The public reading side of articles: article pages, lists and filters with keyset cursors, and the GraphQL fields
 * of {@code Article}. It offers {@link news.article.ArticleCatalog} (articles by id or slug, visible or, for editors,
 * in any status, with the one check of the {@code slug}/{@code id} pair; and the editors' page of drafts as a
 * {@link news.article.DraftConnection} with the same cursors as every article list) and the article records to the
 * newsroom, analytics, search, live updates, the edge's purge keys and node resolution.
 */
@ApplicationModule(allowedDependencies = {"content", "database", "db", "graphql", "reporter", "section", "tag"})
package news.article;

import org.springframework.modulith.ApplicationModule;
