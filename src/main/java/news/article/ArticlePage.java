package news.article;

import java.util.List;
import java.util.Map;

/**
 * The rows of one page of an article list (one more than asked when a next page exists), with the reporter ids of
 * those articles' bylines when the page's statement read them too ({@code null} when it did not).
 */
record ArticlePage(List<Article> articles, Map<Long, Long[]> bylines) {}
