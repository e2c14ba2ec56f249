package news.node;

import news.article.ArticleCatalog;
import news.graphql.GlobalId;
import news.reporter.ReporterCatalog;
import news.section.SectionDirectory;
import news.tag.TagCatalog;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Resolves {@code Query.node}: any object by its global id. */
@Controller
class NodeController {

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final TagCatalog tags;

    NodeController(ArticleCatalog articles, SectionDirectory sections, ReporterCatalog reporters, TagCatalog tags) {
        this.articles = articles;
        this.sections = sections;
        this.reporters = reporters;
        this.tags = tags;
    }

    @QueryMapping
    Object node(@Argument String id) {
        GlobalId global = GlobalId.decode(id, "id");
        return switch (global.type()) {
            case "Article" -> articles.visibleById(global.key()).orElse(null);
            case "Section" -> sections.tree().byId(global.key()).orElse(null);
            case "Reporter" -> reporters.byId(global.key()).orElse(null);
            case "Tag" -> tags.byId(global.key()).orElse(null);
            default -> null;
        };
    }
}
