package news.analytics;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

import news.article.ArticleCatalog;

/** Rankings and per-article totals over the hourly view buckets. Only visible articles are ranked. */
@Repository
class RankingRepository {

    private static final Field<Long> ARTICLE_ID = ARTICLE_VIEWS_HOURLY.ARTICLE_ID.as("article_id");

    private final DSLContext dsl;

    RankingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Views per article in {@code range}, summed before joining the few articles that survive. */
    private static Table<?> totals(TimeRange range) {
        return select(ARTICLE_ID, sum(ARTICLE_VIEWS_HOURLY.VIEWS).as("views"))
            .from(ARTICLE_VIEWS_HOURLY)
            .where(inRange(range))
            .groupBy(ARTICLE_VIEWS_HOURLY.ARTICLE_ID)
            .asTable("t");
    }

    private static Condition inRange(TimeRange range) {
        return ARTICLE_VIEWS_HOURLY.HOUR.ge(range.startTime()).and(ARTICLE_VIEWS_HOURLY.HOUR.lt(range.endTime()));
    }

    private static Condition inSections(List<Long> sectionIds) {
        return sectionIds == null ? noCondition() : ARTICLE.SECTION_ID.in(sectionIds);
    }

    /** The most viewed visible articles; ties go to the newer article, then the higher id. */
    List<Ranked> top(TimeRange range, List<Long> sectionIds, int first) {
        Table<?> t = totals(range);
        Field<Long> id = t.field(ARTICLE_ID);
        Field<BigDecimal> views = t.field("views", BigDecimal.class);
        return dsl.select(id, views)
            .from(t)
            .join(ARTICLE).on(ARTICLE.ID.eq(id))
            .where(ArticleCatalog.visibleCondition().and(inSections(sectionIds)))
            .orderBy(views.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
            .limit(first)
            .fetch(r -> new Ranked(r.value1(), r.value2().longValue()));
    }

    /** The rank each of {@code ids} holds in {@code range}'s full ranking; absent when it had no views then. */
    Map<Long, Integer> ranksOf(Collection<Long> ids, TimeRange range, List<Long> sectionIds) {
        Map<Long, Integer> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        Table<?> t = totals(range);
        Field<Long> id = t.field(ARTICLE_ID);
        Field<BigDecimal> views = t.field("views", BigDecimal.class);
        Field<Integer> rank = rowNumber()
            .over()
            .orderBy(views.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
            .as("rank");
        Table<?> ranked = select(id.as("article_id"), rank)
            .from(t)
            .join(ARTICLE).on(ARTICLE.ID.eq(id))
            .where(ArticleCatalog.visibleCondition().and(inSections(sectionIds)))
            .asTable("r");
        Field<Long> rankedId = ranked.field("article_id", Long.class);
        dsl.select(rankedId, ranked.field("rank", Integer.class))
            .from(ranked)
            .where(rankedId.in(ids))
            .forEach(r -> result.put(r.value1(), r.value2()));
        return result;
    }

    /**
     * Articles whose view rate rises: views in the recent buckets per elapsed hour, against the hourly average of
     * the 24 buckets before them plus one. Only articles with at least {@code minViews} recent views and a ratio
     * above one qualify.
     */
    List<Ranked> trending(long recentStart, long recentEnd, double elapsedHours, List<Long> sectionIds,
            long minViews, int first) {
        TimeRange all = new TimeRange(recentStart - 24 * TimeRange.HOUR, recentEnd);
        Condition recentHours = ARTICLE_VIEWS_HOURLY.HOUR.ge(new TimeRange(recentStart, recentEnd).startTime());
        Field<BigDecimal> recentSum = sum(ARTICLE_VIEWS_HOURLY.VIEWS).filterWhere(recentHours);
        Field<BigDecimal> baseSum = coalesce(sum(ARTICLE_VIEWS_HOURLY.VIEWS).filterWhere(recentHours.not()),
                BigDecimal.ZERO);
        Table<?> t = select(ARTICLE_ID, recentSum.as("recent"), baseSum.as("base"))
            .from(ARTICLE_VIEWS_HOURLY)
            .where(inRange(all))
            .groupBy(ARTICLE_VIEWS_HOURLY.ARTICLE_ID)
            .having(recentSum.ge(BigDecimal.valueOf(minViews)))
            .asTable("t");
        Field<Long> id = t.field(ARTICLE_ID);
        Field<BigDecimal> recent = t.field("recent", BigDecimal.class);
        Field<BigDecimal> base = t.field("base", BigDecimal.class);
        Field<BigDecimal> score = recent.div(inline(BigDecimal.valueOf(elapsedHours)))
            .div(base.div(inline(BigDecimal.valueOf(24))).plus(inline(BigDecimal.ONE)));
        return dsl.select(id, recent)
            .from(t)
            .join(ARTICLE).on(ARTICLE.ID.eq(id))
            .where(ArticleCatalog.visibleCondition().and(inSections(sectionIds)).and(score.gt(BigDecimal.ONE)))
            .orderBy(score.desc(), recent.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
            .limit(first)
            .fetch(r -> new Ranked(r.value1(), r.value2().longValue()));
    }

    /** Views of each article in {@code range}; articles without views are absent. */
    Map<Long, Long> viewsOf(Collection<Long> ids, TimeRange range) {
        Map<Long, Long> result = new HashMap<>();
        dsl.select(ARTICLE_VIEWS_HOURLY.ARTICLE_ID, sum(ARTICLE_VIEWS_HOURLY.VIEWS))
            .from(ARTICLE_VIEWS_HOURLY)
            .where(ARTICLE_VIEWS_HOURLY.ARTICLE_ID.in(ids).and(inRange(range)))
            .groupBy(ARTICLE_VIEWS_HOURLY.ARTICLE_ID)
            .forEach(r -> result.put(r.value1(), r.value2().longValue()));
        return result;
    }

    /** An article's id and its views in a window. */
    record Ranked(long articleId, long views) {
    }
}
