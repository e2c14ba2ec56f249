package news.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which visible articles a list holds, with every slug already resolved to keys. {@code sectionIds} null means any
 * section; {@code nothing} marks a filter that named something unknown, so the list is empty without asking the
 * database.
 */
record ArticleQuery(
        List<Long> sectionIds,
        Long reporterId,
        Long tagId,
        OffsetDateTime publishedAfter,
        OffsetDateTime publishedBefore,
        boolean nothing) {

    static final ArticleQuery ALL = new ArticleQuery(null, null, null, null, null, false);

    static final ArticleQuery NOTHING = new ArticleQuery(null, null, null, null, null, true);

    static ArticleQuery inSections(List<Long> sectionIds) {
        return new ArticleQuery(List.copyOf(sectionIds), null, null, null, null, false);
    }

    static ArticleQuery byReporter(long reporterId) {
        return new ArticleQuery(null, reporterId, null, null, null, false);
    }

    static ArticleQuery byTag(long tagId) {
        return new ArticleQuery(null, null, tagId, null, null, false);
    }
}
