package news.article;

import java.time.OffsetDateTime;

/**
 * An article as listed and shown. The body is not part of it: a list loads the bodies it asks for in one batch, a
 * single article page in the statement that reads the article.
 */
public record Article(
        long id,
        String slug,
        String headline,
        String summary,
        long sectionId,
        ArticleStatus status,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt,
        Image image,
        int version) {}
