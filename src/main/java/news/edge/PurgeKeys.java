package news.edge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.ContentChanged;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.Tag;
import news.tag.TagCatalog;

/**
 * The surrogate keys a change affects. An article that readers could notice: its own key, its section and every
 * section above it (a section's list includes its subsections), its reporters and tags (their pages list it), and the
 * lists it enters or leaves. A section or reporter change: its key (every answer showing it carries it). A change
 * whose extent is unknown: the key every answer carries.
 */
final class PurgeKeys {

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

    /** The keys to purge, empty when readers cannot notice the change (a draft edited). */
    List<String> of(ContentChanged change) {
        Set<String> keys = new LinkedHashSet<>();
        switch (change.kind()) {
            case ARTICLE -> {
                if (!change.visible()) {
                    return List.of();
                }
                keys.add(SurrogateKeys.article(change.id()));
                for (String list : List.of("latest", "articles", "popular", "trending")) {
                    keys.add(SurrogateKeys.list(list));
                }
                articles.anyById(change.id()).ifPresent(article -> related(article, keys));
            }
            case SECTION -> {
                keys.add(SurrogateKeys.section(change.id()));
                keys.add(SurrogateKeys.list("sections"));
            }
            case REPORTER -> keys.add(SurrogateKeys.reporter(change.id()));
            case ALL -> keys.add(PublicAnswer.ALL);
        }
        return new ArrayList<>(keys);
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
        }
    }
}
