package news.analytics.ranking;

import news.analytics.PopularityWindow;
import news.article.Article;

/**
 * An article's place in a ranking; {@code previousRank} is null when it had no views in the previous window.
 * {@code window} is the window the list counts ({@code LAST_HOUR} for trending), whose readers {@code readers} shows.
 */
record RankedArticle(int rank, Article article, long views, Integer previousRank, PopularityWindow window) {}
