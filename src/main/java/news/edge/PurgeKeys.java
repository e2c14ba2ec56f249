package news.edge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.AffectedKeys;
import news.content.ContentChanged;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.Tag;
import news.tag.TagCatalog;

/**
 * The surrogate keys a change affects (the scheme is {@link SurrogateKeys}'s). An article that readers could notice:
 * its own key, every slug that finds it (so an answer that was {@code null} for that slug goes too), its section and
 * every section above it (a section's list includes its subsections), its reporters and tags (their pages list it) and
 * their slugs, and every list it enters or leaves, {@code search} included. A section or reporter change: its key
 * (every answer showing it carries it) and its slug's. A change whose extent is unknown: the key every answer
 * carries.
 *
 * <p>The keys are read after the change: an answer that showed the article under its former section, reporters or
 * tags carries the article's own key, which is purged.
 */
final class PurgeKeys implements AffectedKeys {

    /** The lists any article write readers could notice may change (see {@link SurrogateKeys}). */
    static final List<String> ARTICLE_LISTS = List.of("latest", "articles", "popular", "trending", "search", "related");

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final TagCatalog tags;

    PurgeKeys(ArticleCatalog articles, SectionDirectory sections, ReporterCatalog reporters, TagCatalog tags) {
        this.articles = articles;
        this.sections = sections;
        this.reporters = reporters;
        this.tags = tags;
    }

    /**
     * The keys to purge, empty when readers cannot notice the change (a draft edited). An article's take four
     * statements (its slugs, the article, its byline, its tags; the section tree is in memory), so they are read
     * once per change ({@link news.content.CommittedChange#keys()}) and shared by the response cache and the purge.
     */
    @Override
    public List<String> of(ContentChanged change) {
        Set<String> keys = new LinkedHashSet<>();
        switch (change.kind()) {
            case ARTICLE -> {
                if (!change.visible()) {
                    return List.of();
                }
                keys.add(SurrogateKeys.article(change.id()));
                for (String list : ARTICLE_LISTS) {
                    keys.add(SurrogateKeys.list(list));
                }
                for (String slug : articles.slugsOf(change.id())) {
                    add(keys, SurrogateKeys.slug("article", slug));
                }
                articles.anyById(change.id()).ifPresent(article -> related(article, keys));
            }
            case SECTION -> {
                keys.add(SurrogateKeys.section(change.id()));
                keys.add(SurrogateKeys.list("sections"));
                sections.treeWith(change.id())
                        .byId(change.id())
                        .ifPresent(section -> add(keys, SurrogateKeys.slug("section", section.slug())));
            }
            case REPORTER -> {
                keys.add(SurrogateKeys.reporter(change.id()));
                reporters.byId(change.id()).ifPresent(r -> add(keys, SurrogateKeys.slug("reporter", r.slug())));
            }
            case ALL -> keys.add(PublicAnswer.ALL);
        }
        return new ArrayList<>(keys);
    }

    /**
     * An article's keys are read in the writing transaction: straight from the tables, but for the section tree,
     * which only section writes change. A section's or reporter's come from the section tree and the reporter cache,
     * which drop the change only after the commit, so they are read then.
     */
    @Override
    public List<String> beforeCommit(ContentChanged change) {
        return change.kind() == ContentChanged.Kind.ARTICLE ? of(change) : null;
    }

    private void related(Article article, Set<String> keys) {
        SectionTree tree = sections.treeWith(article.sectionId());
        tree.byId(article.sectionId()).ifPresent(section -> {
            for (Section s : tree.path(section)) {
                keys.add(SurrogateKeys.section(s.id()));
            }
        });
        for (Reporter reporter : reporters.bylinesOf(List.of(article.id())).getOrDefault(article.id(), List.of())) {
            keys.add(SurrogateKeys.reporter(reporter.id()));
        }
        for (Tag tag : tags.tagsOf(List.of(article.id())).getOrDefault(article.id(), List.of())) {
            keys.add(SurrogateKeys.tag(tag.id()));
            add(keys, SurrogateKeys.slug("tag", tag.slug()));
        }
    }

    private static void add(Set<String> keys, String key) {
        if (key != null) {
            keys.add(key);
        }
    }
}
