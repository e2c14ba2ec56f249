package news.search;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.article.Article;
import news.article.ArticleCatalog;
import news.graphql.BadInputException;
import news.graphql.BusyException;
import news.graphql.PageInfo;
import news.graphql.PageSize;
import news.section.SectionDirectory;
import news.section.SectionTree;
import org.springframework.stereotype.Service;

/** Checks search arguments, runs the search and loads the articles of the hits. */
@Service
class ArticleSearch {

    /** Most related articles one article may ask for. */
    static final int MAX_RELATED = 20;

    private final SearchRepository repository;

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    /** Turns for the search statement; see {@link SearchLimits}. */
    final Semaphore turns;

    private final long queueNanos;

    ArticleSearch(
            SearchRepository repository, ArticleCatalog articles, SectionDirectory sections, SearchLimits limits) {
        this.repository = repository;
        this.articles = articles;
        this.sections = sections;
        this.turns = new Semaphore(limits.maxConcurrent(), true);
        this.queueNanos = limits.queueTimeout().toNanos();
    }

    SearchConnection search(
            String query,
            String section,
            OffsetDateTime publishedAfter,
            OffsetDateTime publishedBefore,
            Integer first,
            String after) {
        SearchText text = SearchText.of(query);
        int size = PageSize.check(first);
        SearchCursor position = SearchCursor.decode(after, "after");
        if (publishedAfter != null && publishedBefore != null && !publishedAfter.isBefore(publishedBefore)) {
            throw new BadInputException("publishedBefore", "'publishedBefore' must be after 'publishedAfter'.");
        }
        List<Long> sectionIds = null;
        if (section != null) {
            SectionTree tree = sections.tree();
            Optional<List<Long>> ids = tree.bySlug(section).map(tree::subtreeIds);
            if (ids.isEmpty()) {
                return empty(after != null);
            }
            sectionIds = ids.get();
        }
        if (text.blank()) {
            return empty(after != null);
        }
        SearchRepository.Found found;
        acquireTurn();
        try {
            found = repository.search(text, sectionIds, publishedAfter, publishedBefore, position, size);
        } catch (RuntimeException ex) {
            throw SearchTimeout.isCause(ex) ? new SearchTimeout(ex) : ex;
        } finally {
            turns.release();
        }
        boolean hasNext = found.hits().size() > size;
        List<SearchRepository.Hit> page = hasNext ? found.hits().subList(0, size) : found.hits();
        Map<Long, Article> byId = articles
                .visibleByIds(page.stream().map(SearchRepository.Hit::id).toList())
                .stream()
                .collect(Collectors.toMap(Article::id, Function.identity()));
        List<SearchConnection.SearchEdge> edges = new ArrayList<>();
        for (SearchRepository.Hit hit : page) {
            Article article = byId.get(hit.id());
            if (article != null) {
                String cursor = new SearchCursor(found.asOf(), found.mode(), hit.score(), hit.id()).encode();
                edges.add(new SearchConnection.SearchEdge(cursor, new SearchHit(article, hit.score(), hit.snippet())));
            }
        }
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new SearchConnection(edges, new PageInfo(hasNext, after != null, start, end), found.total());
    }

    private void acquireTurn() {
        boolean acquired;
        try {
            acquired = turns.tryAcquire(queueNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new BusyException("Search is busy at the moment; try again shortly.");
        }
    }

    private static SearchConnection empty(boolean afterGiven) {
        return new SearchConnection(List.of(), new PageInfo(false, afterGiven, null, null), 0);
    }

    /** Related articles of each article id, at most the asked number each, in one statement for them all. */
    Map<RelatedKey, List<Article>> related(List<RelatedKey> keys) {
        Map<Long, Integer> firsts = new LinkedHashMap<>();
        keys.forEach(k -> firsts.merge(k.articleId(), k.first(), Math::max));
        Map<Long, List<Long>> ids = repository.related(firsts);
        Map<Long, Article> byId =
                articles
                        .visibleByIds(ids.values().stream()
                                .flatMap(List::stream)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Article::id, Function.identity()));
        Map<RelatedKey, List<Article>> result = new LinkedHashMap<>();
        for (RelatedKey key : keys) {
            result.put(
                    key,
                    ids.getOrDefault(key.articleId(), List.of()).stream()
                            .map(byId::get)
                            .filter(a -> a != null)
                            .limit(key.first())
                            .toList());
        }
        return result;
    }

    /** The related articles one {@code Article.related(first)} field asks for. */
    record RelatedKey(long articleId, int first) {

        static RelatedKey of(Article article, Integer first) {
            if (first == null || first < 1 || first > MAX_RELATED) {
                throw new BadInputException(
                        "first", "'first' must be between 1 and " + MAX_RELATED + ", was " + first + ".");
            }
            return new RelatedKey(article.id(), first);
        }
    }
}
