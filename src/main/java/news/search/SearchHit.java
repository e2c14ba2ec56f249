package news.search;

import news.article.Article;

/** One article found, with its score and a highlighted snippet (HTML-escaped text, matches in {@code <mark>}). */
record SearchHit(Article article, double score, String snippet) {}
