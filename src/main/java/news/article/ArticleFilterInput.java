package news.article;

import java.time.OffsetDateTime;

/** The {@code ArticleFilter} input as the client sent it, with slugs not yet resolved. */
record ArticleFilterInput(
        String section, String reporter, String tag, OffsetDateTime publishedAfter, OffsetDateTime publishedBefore) {}
