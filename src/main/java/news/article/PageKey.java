package news.article;

/** One page of one article list: what to list, how many, and after which position. */
record PageKey(ArticleQuery query, int first, ArticleCursor after) {}
