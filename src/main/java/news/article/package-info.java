/**
 * The public reading side of articles: article pages, lists and filters with keyset cursors, and the GraphQL fields
 * of {@code Article}. It offers {@link news.article.ArticleCatalog} (articles by id or slug, visible or, for editors,
 * in any status) and the article records to the newsroom, analytics and node resolution.
 */
package news.article;
