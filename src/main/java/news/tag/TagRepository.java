package news.tag;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.TAG;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.jsonbArray;
import static org.jooq.impl.DSL.jsonbArrayAgg;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.content.ContentRepository;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads tags. A tag is public only while a visible article carries it: editors create tags with drafts, and a draft's
 * topics must not show before the draft does.
 */
@Repository
public class TagRepository {

    private final DSLContext dsl;

    /** A tag, mapped by column name. */
    private static final Field<Tag> TAGS = columns(TAG);

    TagRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Tag> findBySlug(String slug) {
        return dsl.select(TAGS)
                .from(TAG)
                .where(TAG.SLUG.eq(slug).and(carriedByVisibleArticle()))
                .fetchOptional(TAGS);
    }

    Optional<Tag> findById(long id) {
        return dsl.select(TAGS)
                .from(TAG)
                .where(TAG.ID.eq(id).and(carriedByVisibleArticle()))
                .fetchOptional(TAGS);
    }

    /**
     * Tags of the given articles by name, in one statement; articles without tags are absent. The caller has already
     * established that the articles are visible, which makes their tags public.
     */
    Map<Long, List<Tag>> findByArticles(Collection<Long> articleIds) {
        Map<Long, List<Tag>> result = new HashMap<>();
        dsl.select(ARTICLE_TAG.ARTICLE_ID, TAGS)
                .from(ARTICLE_TAG)
                .join(TAG)
                .on(TAG.ID.eq(ARTICLE_TAG.TAG_ID))
                .where(ARTICLE_TAG.ARTICLE_ID.in(articleIds))
                .orderBy(ARTICLE_TAG.ARTICLE_ID, TAG.NAME)
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE_TAG.ARTICLE_ID), k -> new ArrayList<>())
                        .add(r.get(TAGS)));
        return result;
    }

    /**
     * The tags of the article {@code articleId} by name, for a statement that reads the article: a JSON array of
     * {@code [id, slug, name]} arrays, read back with {@link #parseList}.
     */
    public static Field<JSONB> listOf(Field<Long> articleId) {
        return field(select(coalesce(
                        jsonbArrayAgg(jsonbArray(TAG.ID, TAG.SLUG, TAG.NAME)).orderBy(TAG.NAME), jsonbArray()))
                .from(ARTICLE_TAG)
                .join(TAG)
                .on(TAG.ID.eq(ARTICLE_TAG.TAG_ID))
                .where(ARTICLE_TAG.ARTICLE_ID.eq(articleId)));
    }

    /** The tags of a {@link #listOf} column; none for null. */
    public static List<Tag> parseList(JsonMapper json, String list) {
        if (list == null) {
            return List.of();
        }
        JsonNode array = json.readTree(list);
        List<Tag> tags = new ArrayList<>(array.size());
        for (JsonNode tag : array) {
            tags.add(new Tag(
                    tag.get(0).asLong(), tag.get(1).asString(), tag.get(2).asString()));
        }
        return tags;
    }

    private static Condition carriedByVisibleArticle() {
        return exists(selectOne()
                .from(ARTICLE_TAG)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(ARTICLE_TAG.ARTICLE_ID))
                .where(ARTICLE_TAG.TAG_ID.eq(TAG.ID).and(ContentRepository.publicArticle(ARTICLE))));
    }

    /** The one mapping from a row to {@link Tag}, for every query of this package that reads them. */
    private static Field<Tag> columns(news.db.tables.Tag tag) {
        return field(row(tag.ID, tag.SLUG, tag.NAME).mapping(Tag::new));
    }
}
