package news.tag;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.TAG;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SelectSelectStep;
import org.springframework.stereotype.Repository;

import news.content.ContentRepository;

/**
 * Reads tags. A tag is public only while a visible article carries it: editors create tags with drafts, and a draft's
 * topics must not show before the draft does.
 */
@Repository
class TagRepository {

    private final DSLContext dsl;

    TagRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Tag> findBySlug(String slug) {
        return select().from(TAG).where(TAG.SLUG.eq(slug).and(carriedByVisibleArticle()))
            .fetchOptional(TagRepository::toTag);
    }

    Optional<Tag> findById(long id) {
        return select().from(TAG).where(TAG.ID.eq(id).and(carriedByVisibleArticle()))
            .fetchOptional(TagRepository::toTag);
    }

    private static Condition carriedByVisibleArticle() {
        return exists(selectOne().from(ARTICLE_TAG).join(ARTICLE).on(ARTICLE.ID.eq(ARTICLE_TAG.ARTICLE_ID))
            .where(ARTICLE_TAG.TAG_ID.eq(TAG.ID).and(ContentRepository.publicArticle(ARTICLE))));
    }

    private SelectSelectStep<Record3<Long, String, String>> select() {
        return dsl.select(TAG.ID, TAG.SLUG, TAG.NAME);
    }

    private static Tag toTag(Record3<Long, String, String> r) {
        return new Tag(r.value1(), r.value2(), r.value3());
    }
}
