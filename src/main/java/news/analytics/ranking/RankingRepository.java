package news.analytics.ranking;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_VIEWS_WINDOW;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.analytics.PopularityWindow;
import news.analytics.RankingWindow;
import news.content.ContentRepository;
import news.db.tables.ArticleViewsWindow;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * Rankings and per-article totals, read from the running window totals: a ranking walks the index on
 * (window, views desc) and stops after the few rows it needs. Only visible articles are ranked.
 */
@Repository
class RankingRepository {

    /** How deep {@code previousRank} looks into the previous window's ranking. */
    static final int PREVIOUS_DEPTH = 1000;

    private final DSLContext dsl;

    RankingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static Condition inSections(List<Long> sectionIds) {
        return sectionIds == null ? noCondition() : ARTICLE.SECTION_ID.in(sectionIds);
    }

    /** The most viewed visible articles of a window; ties go to the newer article, then the higher id. */
    List<Ranked> top(String window, List<Long> sectionIds, int first) {
        ArticleViewsWindow w = ARTICLE_VIEWS_WINDOW;
        return dsl.select(w.ARTICLE_ID, w.VIEWS)
                .from(w)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(w.ARTICLE_ID))
                .where(w.WINDOW_NAME.eq(window).and(w.VIEWS.gt(0L)))
                .and(ContentRepository.publicArticle(ARTICLE).and(inSections(sectionIds)))
                .orderBy(w.VIEWS.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
                .limit(first)
                .fetch(Records.mapping(Ranked::new));
    }

    /**
     * The rank each of {@code ids} holds in a window's ranking, looking at its first {@value #PREVIOUS_DEPTH}
     * places; absent when the article is not among them.
     */
    Map<Long, Integer> ranksOf(Collection<Long> ids, String window, List<Long> sectionIds) {
        Map<Long, Integer> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        ArticleViewsWindow w = ARTICLE_VIEWS_WINDOW;
        Table<?> ranked = select(
                        w.ARTICLE_ID.as("article_id"),
                        rowNumber()
                                .over()
                                .orderBy(w.VIEWS.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
                                .as("rank"))
                .from(w)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(w.ARTICLE_ID))
                .where(w.WINDOW_NAME.eq(window).and(w.VIEWS.gt(0L)))
                .and(ContentRepository.publicArticle(ARTICLE).and(inSections(sectionIds)))
                .orderBy(w.VIEWS.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
                .limit(PREVIOUS_DEPTH)
                .asTable("r");
        Field<Long> rankedId = ranked.field("article_id", Long.class);
        Field<Integer> rank = ranked.field("rank", Integer.class);
        dsl.select(rankedId, rank)
                .from(ranked)
                .where(rankedId.in(ids))
                .forEach(r -> result.put(r.get(rankedId), r.get(rank)));
        return result;
    }

    /**
     * Articles whose view rate rises: R = views in the current and previous hour (window LAST_HOUR) per elapsed
     * hour, against B / 24 + 1 with B = views in the 24 hours before (window TRENDING_BASE). Only articles with at
     * least {@code minViews} recent views and a ratio above one qualify.
     */
    List<Ranked> trending(double elapsedHours, List<Long> sectionIds, long minViews, int first) {
        ArticleViewsWindow recent = ARTICLE_VIEWS_WINDOW.as("recent");
        ArticleViewsWindow base = ARTICLE_VIEWS_WINDOW.as("base");
        Field<BigDecimal> score = recent.VIEWS
                .cast(BigDecimal.class)
                .div(inline(BigDecimal.valueOf(elapsedHours)))
                .div(coalesce(base.VIEWS, 0L)
                        .cast(BigDecimal.class)
                        .div(inline(BigDecimal.valueOf(24)))
                        .plus(inline(BigDecimal.ONE)));
        return dsl.select(recent.ARTICLE_ID, recent.VIEWS)
                .from(recent)
                .join(ARTICLE)
                .on(ARTICLE.ID.eq(recent.ARTICLE_ID))
                .leftJoin(base)
                .on(base.WINDOW_NAME.eq(RankingWindow.TRENDING_BASE).and(base.ARTICLE_ID.eq(recent.ARTICLE_ID)))
                .where(recent.WINDOW_NAME
                        .eq(RankingWindow.current(PopularityWindow.LAST_HOUR))
                        .and(recent.VIEWS.ge(minViews)))
                .and(ContentRepository.publicArticle(ARTICLE).and(inSections(sectionIds)))
                .and(score.gt(BigDecimal.ONE))
                .orderBy(score.desc(), recent.VIEWS.desc(), ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
                .limit(first)
                .fetch(Records.mapping(Ranked::new));
    }

    /** Views of each article in a window; articles without views are absent. */
    Map<Long, Long> viewsOf(Collection<Long> ids, String window) {
        Map<Long, Long> result = new HashMap<>();
        dsl.select(ARTICLE_VIEWS_WINDOW.ARTICLE_ID, ARTICLE_VIEWS_WINDOW.VIEWS)
                .from(ARTICLE_VIEWS_WINDOW)
                .where(ARTICLE_VIEWS_WINDOW.WINDOW_NAME.eq(window).and(ARTICLE_VIEWS_WINDOW.ARTICLE_ID.in(ids)))
                .forEach(r -> result.put(r.get(ARTICLE_VIEWS_WINDOW.ARTICLE_ID), r.get(ARTICLE_VIEWS_WINDOW.VIEWS)));
        return result;
    }

    /** An article's id and its views in a window. */
    record Ranked(long articleId, long views) {}
}
