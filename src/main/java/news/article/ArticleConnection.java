package news.article;

import java.util.List;
import java.util.function.Function;
import news.graphql.PageInfo;

/** A page of an article list; {@code query} lets {@code totalCount} be counted only when a client selects it. */
record ArticleConnection(List<ArticleEdge> edges, PageInfo pageInfo, ArticleQuery query) {

    /** An article with its cursor. */
    record ArticleEdge(String cursor, Article node) {}

    static ArticleConnection of(List<Article> fetched, int first, boolean afterGiven, ArticleQuery query) {
        Page page = Page.of(fetched, first, afterGiven, ArticleCursor::of);
        return new ArticleConnection(page.edges(), page.pageInfo(), query);
    }

    /** The edges of a page and where it sits, for any list of articles in keyset order. */
    record Page(List<ArticleEdge> edges, PageInfo pageInfo) {

        /** {@code fetched} holds one article more than {@code first} when there is a next page. */
        static Page of(List<Article> fetched, int first, boolean afterGiven, Function<Article, ArticleCursor> cursor) {
            boolean hasNext = fetched.size() > first;
            List<Article> page = hasNext ? fetched.subList(0, first) : fetched;
            List<ArticleEdge> edges = page.stream()
                    .map(a -> new ArticleEdge(cursor.apply(a).encode(), a))
                    .toList();
            String start = edges.isEmpty() ? null : edges.get(0).cursor();
            String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
            return new Page(edges, new PageInfo(hasNext, afterGiven, start, end));
        }
    }
}
