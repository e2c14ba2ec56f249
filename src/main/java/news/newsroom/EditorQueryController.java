package news.newsroom;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import news.article.Article;
import news.article.ArticleCatalog;
import news.graphql.BadInputException;
import news.graphql.GlobalId;
import news.graphql.PageInfo;
import news.graphql.PageSize;

/** Editors' reads of articles in any status: the public queries never show drafts, not even to editors. */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class EditorQueryController {

    private static final String CURSOR_PREFIX = "d1:";

    private final ArticleCatalog articles;

    EditorQueryController(ArticleCatalog articles) {
        this.articles = articles;
    }

    @QueryMapping
    Article editorArticle(@Argument String slug, @Argument String id) {
        if ((slug == null) == (id == null)) {
            throw new BadInputException(slug == null ? "slug" : "id", "Give exactly one of 'slug' or 'id'.");
        }
        if (slug != null) {
            return articles.anyBySlug(slug).orElse(null);
        }
        return articles.anyById(GlobalId.decode(id, "Article", "id")).orElse(null);
    }

    @QueryMapping
    DraftConnection drafts(@Argument Integer first, @Argument String after) {
        int size = PageSize.check(first);
        Long beforeId = decode(after);
        List<Article> fetched = articles.unpublished(size + 1, beforeId);
        boolean hasNext = fetched.size() > size;
        List<DraftConnection.Edge> edges = (hasNext ? fetched.subList(0, size) : fetched).stream()
            .map(a -> new DraftConnection.Edge(encode(a.id()), a))
            .toList();
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new DraftConnection(edges, new PageInfo(hasNext, after != null, start, end),
                articles.countUnpublished());
    }

    /** A page of unpublished articles, newest first by id (stable while they are being edited). */
    record DraftConnection(List<Edge> edges, PageInfo pageInfo, int totalCount) {

        record Edge(String cursor, Article node) {
        }
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Long decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(raw.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        }
        catch (IllegalArgumentException ex) {
            // falls through to the error below
        }
        throw new BadInputException("after", "'after' is not a cursor of this list.");
    }
}
