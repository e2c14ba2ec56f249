package news.newsroom;

import java.time.OffsetDateTime;
import java.util.Optional;
import news.article.ArticleStatus;
import news.article.Image;

/**
 * What a mutation writes to an article row. A null component leaves its column as it is; an empty {@link Optional}
 * clears it. The body is its JSON text; the image is written or cleared as a whole.
 */
record ArticleChanges(
        String slug,
        String headline,
        Optional<String> summary,
        String bodyJson,
        Long sectionId,
        Optional<Image> image,
        ArticleStatus status,
        Optional<OffsetDateTime> publishedAt,
        Optional<OffsetDateTime> firstPublishedAt) {

    /** Moves the article to {@code status}, leaving its publish times as they are. */
    static ArticleChanges status(ArticleStatus status) {
        return new ArticleChanges(null, null, null, null, null, null, status, null, null);
    }

    /** Moves the article to {@code status} with these publish times; null clears one. */
    static ArticleChanges status(ArticleStatus status, OffsetDateTime publishedAt, OffsetDateTime firstPublishedAt) {
        return new ArticleChanges(
                null,
                null,
                null,
                null,
                null,
                null,
                status,
                Optional.ofNullable(publishedAt),
                Optional.ofNullable(firstPublishedAt));
    }
}
