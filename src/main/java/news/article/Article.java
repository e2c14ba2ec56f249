package news.article;

import java.time.OffsetDateTime;

/** An article as listed and shown; the body is loaded separately, only when a client asks for it. */
public record Article(long id, String slug, String headline, String summary, long sectionId, ArticleStatus status,
        OffsetDateTime publishedAt, OffsetDateTime updatedAt, Image image, int version) {
}
