package news.article;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.graphql.BadInputException;
import news.graphql.PageSize;
import news.reporter.ReporterCatalog;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.TagCatalog;
import org.springframework.stereotype.Service;

/** Turns list arguments into resolved queries and pages of visible articles. */
@Service
class ArticleFeed {

    private final ArticleRepository repository;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final TagCatalog tags;

    ArticleFeed(ArticleRepository repository, SectionDirectory sections, ReporterCatalog reporters, TagCatalog tags) {
        this.repository = repository;
        this.sections = sections;
        this.reporters = reporters;
        this.tags = tags;
    }

    /** Resolves a filter; a slug that names nothing yields an empty list rather than an error. */
    ArticleQuery query(ArticleFilterInput filter) {
        if (filter == null) {
            return ArticleQuery.ALL;
        }
        if (filter.publishedAfter() != null
                && filter.publishedBefore() != null
                && !filter.publishedAfter().isBefore(filter.publishedBefore())) {
            throw new BadInputException("filter.publishedBefore", "'publishedBefore' must be after 'publishedAfter'.");
        }
        List<Long> sectionIds = null;
        if (filter.section() != null) {
            SectionTree tree = sections.tree();
            Optional<List<Long>> ids = tree.bySlug(filter.section()).map(tree::subtreeIds);
            if (ids.isEmpty()) {
                return ArticleQuery.NOTHING;
            }
            sectionIds = ids.get();
        }
        Long reporterId = null;
        if (filter.reporter() != null) {
            Optional<Long> id = reporters.bySlug(filter.reporter()).map(r -> r.id());
            if (id.isEmpty()) {
                return ArticleQuery.NOTHING;
            }
            reporterId = id.get();
        }
        Long tagId = null;
        if (filter.tag() != null) {
            Optional<Long> id = tags.bySlug(filter.tag()).map(t -> t.id());
            if (id.isEmpty()) {
                return ArticleQuery.NOTHING;
            }
            tagId = id.get();
        }
        return new ArticleQuery(
                sectionIds, reporterId, tagId, filter.publishedAfter(), filter.publishedBefore(), false);
    }

    ArticleQuery inSection(String slug) {
        return slug == null ? ArticleQuery.ALL : query(new ArticleFilterInput(slug, null, null, null, null));
    }

    ArticleQuery inSubtreeOf(long sectionId) {
        SectionTree tree = sections.tree();
        return tree.byId(sectionId)
                .map(s -> ArticleQuery.inSections(tree.subtreeIds(s)))
                .orElse(ArticleQuery.NOTHING);
    }

    /** Validates the paging arguments of a list. */
    PageKey key(ArticleQuery query, Integer first, String after) {
        return new PageKey(query, PageSize.check(first), ArticleCursor.decode(after, "after"));
    }

    /** One page; with {@code bylines}, the bylines of its articles are read in the same statement. */
    ArticlePage page(PageKey key, boolean bylines) {
        return repository.pages(List.of(key), bylines).get(key);
    }

    static ArticleConnection connection(PageKey key, ArticlePage page) {
        return ArticleConnection.of(page.articles(), key.first(), key.after() != null, key.query());
    }

    Map<PageKey, ArticlePage> pages(List<PageKey> keys, boolean bylines) {
        return repository.pages(keys, bylines);
    }
}
