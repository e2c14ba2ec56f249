package news.newsroom;

import news.article.Article;
import news.article.ArticleCatalog;
import news.article.DraftConnection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Editors' reads of articles in any status: the public queries never show drafts, not even to editors. */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class EditorQueryController {

    private final ArticleCatalog articles;

    EditorQueryController(ArticleCatalog articles) {
        this.articles = articles;
    }

    @QueryMapping
    Article editorArticle(@Argument String slug) {
        return articles.anyBySlugOrId(slug, null).orElse(null);
    }

    @QueryMapping
    Article editorArticleById(@Argument String id) {
        return articles.anyBySlugOrId(null, id).orElse(null);
    }

    @QueryMapping
    DraftConnection drafts(@Argument Integer first, @Argument String after) {
        return articles.drafts(first, after);
    }
}
