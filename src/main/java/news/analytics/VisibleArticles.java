package news.analytics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Component;

import news.article.ArticleCatalog;

/**
 * Answers "is this a visible article?" for ingestion without a query per view: answers are kept for
 * {@code article-check-ttl}, and the ids of a batch that are not known yet are looked up in one statement. An article
 * that is unpublished is therefore still counted for at most that long; one that becomes visible is counted as soon
 * as no negative answer for it is cached.
 */
@Component
class VisibleArticles {

    private final LoadingCache<Long, Boolean> visible;

    VisibleArticles(ArticleCatalog articles, AnalyticsProperties properties) {
        this.visible = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(properties.articleCheckTtl())
            .build(new com.github.benmanes.caffeine.cache.CacheLoader<Long, Boolean>() {
                @Override
                public Boolean load(Long id) {
                    return !articles.visibleIds(Set.of(id)).isEmpty();
                }

                @Override
                public Map<Long, Boolean> loadAll(Set<? extends Long> ids) {
                    Set<Long> found = articles.visibleIds(Set.copyOf(ids));
                    Map<Long, Boolean> result = new HashMap<>();
                    for (Long id : ids) {
                        result.put(id, found.contains(id));
                    }
                    return result;
                }
            });
    }

    /** Which of {@code ids} are visible articles, with at most one query for the unknown ones. */
    Map<Long, Boolean> check(Collection<Long> ids) {
        return visible.getAll(ids);
    }
}
