package news.newsroom;

import news.article.Article;

/** The article as stored after a successful mutation. */
record ArticlePayload(Article article) implements ArticleResult {}
