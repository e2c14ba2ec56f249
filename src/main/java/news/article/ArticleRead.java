package news.article;

import java.util.List;
import news.tag.Tag;

/**
 * One article read with the parts of it a page asked for; a part not asked for is null. It lets a single article
 * come with body, byline (as reporter ids) and tags in the statement that reads it.
 */
record ArticleRead(Article article, List<BodyBlock> body, Long[] reporterIds, List<Tag> tags) {

    /** Which parts to read along with the article row. */
    record Parts(boolean body, boolean reporters, boolean tags) {

        static final Parts NONE = new Parts(false, false, false);
    }
}
