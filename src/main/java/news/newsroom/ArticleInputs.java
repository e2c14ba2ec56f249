package news.newsroom;

import java.time.OffsetDateTime;
import java.util.List;
import news.article.BodyBlock;
import news.article.Image;

/** The article mutation inputs, as the client sent them. */
final class ArticleInputs {

    private ArticleInputs() {}

    /** A new draft; slug generated from the headline unless given. Sections and reporters by slug, tags by name. */
    record CreateArticleInput(
            String headline,
            String slug,
            String summary,
            List<BodyBlock> body,
            Image image,
            List<String> reporters,
            String section,
            List<String> tags) {}

    /** Changes to an article at {@code version}; null fields stay as they are. */
    record UpdateArticleInput(
            String id,
            Integer version,
            String headline,
            String slug,
            String summary,
            List<BodyBlock> body,
            Image image,
            Boolean removeImage,
            List<String> reporters,
            String section,
            List<String> tags) {}

    /** Names an article at the version the editor last saw: publish, unpublish, archive. */
    record ArticleVersionInput(String id, Integer version) {}

    /** Schedules an article at {@code version} to become public at {@code publishAt}. */
    record ScheduleArticleInput(String id, Integer version, OffsetDateTime publishAt) {}

    /** A correction note for a published article. */
    record AddCorrectionInput(String id, String text) {}
}
