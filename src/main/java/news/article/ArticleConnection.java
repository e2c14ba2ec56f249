package news.article;

import java.util.List;

import news.graphql.PageInfo;

/** A page of an article list; {@code query} lets {@code totalCount} be counted only when a client selects it. */
record ArticleConnection(List<ArticleEdge> edges, PageInfo pageInfo, ArticleQuery query) {

    /** An article with its cursor. */
    record ArticleEdge(String cursor, Article node) {
    }

    static ArticleConnection of(List<Article> fetched, int first, boolean afterGiven, ArticleQuery query) {
        boolean hasNext = fetched.size() > first;
        List<Article> page = hasNext ? fetched.subList(0, first) : fetched;
        List<ArticleEdge> edges = page.stream().map(a -> new ArticleEdge(ArticleCursor.of(a).encode(), a)).toList();
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new ArticleConnection(edges, new PageInfo(hasNext, afterGiven, start, end), query);
    }
}
