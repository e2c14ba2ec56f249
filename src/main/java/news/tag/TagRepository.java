package news.tag;

import static news.db.Tables.TAG;

import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SelectSelectStep;
import org.springframework.stereotype.Repository;

/** Reads tags. */
@Repository
class TagRepository {

    private final DSLContext dsl;

    TagRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Tag> findBySlug(String slug) {
        return select().from(TAG).where(TAG.SLUG.eq(slug)).fetchOptional(TagRepository::toTag);
    }

    Optional<Tag> findById(long id) {
        return select().from(TAG).where(TAG.ID.eq(id)).fetchOptional(TagRepository::toTag);
    }

    private SelectSelectStep<Record3<Long, String, String>> select() {
        return dsl.select(TAG.ID, TAG.SLUG, TAG.NAME);
    }

    private static Tag toTag(Record3<Long, String, String> r) {
        return new Tag(r.value1(), r.value2(), r.value3());
    }
}
