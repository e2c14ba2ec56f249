package news.analytics.ranking;

import news.article.Article;

/** An article's place in a ranking; {@code previousRank} is null when it had no views in the previous window. */
record RankedArticle(int rank, Article article, long views, Integer previousRank) {}
