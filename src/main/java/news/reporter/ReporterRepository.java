package news.reporter;

import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.REPORTER;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/** Reads reporters, alone or as the bylines of articles. */
@Repository
public class ReporterRepository {

    /** A reporter, mapped by column name. */
    private static final Field<Reporter> REPORTERS = columns(REPORTER);

    private final DSLContext dsl;

    ReporterRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Reporter> findBySlug(String slug) {
        return dsl.select(REPORTERS)
                .from(REPORTER)
                .where(REPORTER.SLUG.eq(slug))
                .fetchOptional(REPORTERS);
    }

    Optional<Reporter> findById(long id) {
        return dsl.select(REPORTERS).from(REPORTER).where(REPORTER.ID.eq(id)).fetchOptional(REPORTERS);
    }

    /** Bylines of the given articles in byline order, in one statement; articles without one are absent. */
    Map<Long, List<Reporter>> findBylines(Collection<Long> articleIds) {
        Map<Long, List<Reporter>> result = new HashMap<>();
        dsl.select(ARTICLE_REPORTER.ARTICLE_ID, REPORTERS)
                .from(ARTICLE_REPORTER)
                .join(REPORTER)
                .on(REPORTER.ID.eq(ARTICLE_REPORTER.REPORTER_ID))
                .where(ARTICLE_REPORTER.ARTICLE_ID.in(articleIds))
                .orderBy(ARTICLE_REPORTER.ARTICLE_ID, ARTICLE_REPORTER.POSITION, REPORTER.NAME)
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE_REPORTER.ARTICLE_ID), k -> new ArrayList<>())
                        .add(r.get(REPORTERS)));
        return result;
    }

    /** The reporters with the given ids, by id; unknown ids are absent. */
    Map<Long, Reporter> findByIds(Collection<? extends Long> ids) {
        Map<Long, Reporter> result = new HashMap<>();
        dsl.select(REPORTERS)
                .from(REPORTER)
                .where(REPORTER.ID.in(ids))
                .fetch(REPORTERS)
                .forEach(reporter -> result.put(reporter.id(), reporter));
        return result;
    }

    /**
     * The ids of the byline of the article {@code articleId}, in byline order, as an array column for a statement of
     * another package that reads the article; {@link ReporterDirectory#byline(Long[])} turns them into reporters.
     */
    public static Field<Long[]> bylineIds(Field<Long> articleId) {
        return array(select(ARTICLE_REPORTER.REPORTER_ID)
                .from(ARTICLE_REPORTER)
                .join(REPORTER)
                .on(REPORTER.ID.eq(ARTICLE_REPORTER.REPORTER_ID))
                .where(ARTICLE_REPORTER.ARTICLE_ID.eq(articleId))
                .orderBy(ARTICLE_REPORTER.POSITION, REPORTER.NAME));
    }

    /**
     * The one mapping from a row to {@link Reporter}, for every query that reads them, also those of the packages that
     * write or count them.
     */
    public static Field<Reporter> columns(news.db.tables.Reporter reporter) {
        return field(row(reporter.ID, reporter.SLUG, reporter.NAME, reporter.BIO, reporter.AVATAR_URL)
                .mapping(Reporter::new));
    }
}
