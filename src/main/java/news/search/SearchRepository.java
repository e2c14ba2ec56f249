package news.search;

import static news.db.Tables.ARTICLE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sql;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.content.ContentRepository;
import news.db.tables.Article;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * The search and related-articles SQL. Both run as one statement each, whatever the page size: a search page is
 * ranked, counted and given its snippets together; related lists for a page of articles are one LATERAL join.
 */
@Repository
class SearchRepository {

    // A query of excluded words only (querytree 'T') would rank every article; it finds nothing instead.

    /**
     * Below this many full-text hits the trigram fallback adds headlines that resemble the query text (typos,
     * partial words).
     */
    static final int FALLBACK_BELOW = 3;

    /**
     * Relevance of every full-text match, to which the rank of its headline and summary is added: matches in the body
     * alone rank by recency.
     */
    static final double MATCH_WEIGHT = 0.1;

    /** Articles matched only by the trigram fallback get this share of their headline's word similarity. */
    static final double FALLBACK_WEIGHT = 0.1;

    /** Candidates per shared tag for related articles: the newest this many carrying the tag. */
    static final int RELATED_PER_TAG = 50;

    /** Candidates from the same section for related articles: its newest this many. */
    static final int RELATED_FROM_SECTION = 50;

    /** ts_headline options: escaped text is parsed, so its entities pass through untouched and no tag is possible. */
    private static final String HEADLINE_OPTIONS =
            "StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    /**
     * The recency factor of an article published at {0}, seen at {1}; stated in the schema's description. In float8
     * throughout: {@code extract} answers numeric, whose {@code power} costs far more than the rest of a search.
     */
    private static final String RECENCY = "(1 + 0.5 * power(cast(0.5 as float8),"
            + " greatest(0, cast(extract(epoch from {1} - {0}) as float8) / 2592000)))";

    private static final String SEARCH = """
            with input as (
              select {0} as query, news_unaccent({1}) as plain, coalesce(cast({2} as timestamptz), now()) as as_of
            ),
            matched as (
              select a.id, a.published_at, {11} + cast(ts_rank(a.search_head, input.query) as float8) as relevance
              from article a, input
              where querytree(input.query) <> 'T' and a.search_vector @@ input.query and {3}
            ),
            mode as (
              select coalesce(cast({4} as boolean), (select count(*) from matched) < {5}) as fallback
            ),
            resembling as (
              select a.id, a.published_at,
                     {6} * cast(word_similarity(input.plain, news_unaccent(a.headline)) as float8) as relevance
              from article a, input, mode
              where mode.fallback and length(input.plain) >= 3 and input.plain <% news_unaccent(a.headline) and {3}
                and a.id not in (select id from matched)
            ),
            hits as (
              select h.id, h.relevance * {7} as score
              from (select * from matched union all select * from resembling) h, input
            ),
            page as (
              select id, score from hits where {8} order by score desc, id desc limit {9}
            )
            select s.total, s.fallback, s.as_of, p.id, p.score,
                   ts_headline('news_indonesian', news_escape_html(concat_ws(' ', a.summary, news_body_text(a.body))),
                               s.query, {10}) as snippet
            from (select (select count(*) from hits) as total, mode.fallback, input.as_of, input.query
                  from input, mode) s
              left join (page p join article a on a.id = p.id) on true
            order by p.score desc, p.id desc
            """;

    private final DSLContext dsl;

    SearchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One result row: the page's hits in order; the totals are the same on every row. */
    record Found(int total, boolean fallback, OffsetDateTime asOf, List<Hit> hits) {}

    /** A hit before its article is loaded. */
    record Hit(long id, double score, String snippet) {}

    Found search(
            SearchText text,
            Collection<Long> sectionIds,
            OffsetDateTime publishedAfter,
            OffsetDateTime publishedBefore,
            SearchCursor after,
            int limit) {
        Article a = ARTICLE.as("a");
        Condition filter = ContentRepository.publicArticle(a);
        if (sectionIds != null) {
            filter = filter.and(a.SECTION_ID.in(sectionIds));
        }
        if (publishedAfter != null) {
            filter = filter.and(a.PUBLISHED_AT.ge(publishedAfter));
        }
        if (publishedBefore != null) {
            filter = filter.and(a.PUBLISHED_AT.lt(publishedBefore));
        }
        QueryPart position = after == null
                ? noCondition()
                : sql("(score < {0} or (score = {0} and id < {1}))", val(after.score()), val(after.id()));
        QueryPart recency = sql(RECENCY, sql("h.published_at"), sql("input.as_of"));
        List<Record> rows = dsl.resultQuery(
                        SEARCH,
                        tsquery(text),
                        val(text.text()),
                        val(after == null ? null : after.asOf(), OffsetDateTime.class),
                        filter,
                        val(after == null ? null : after.fallback(), Boolean.class),
                        inline(FALLBACK_BELOW),
                        inline(FALLBACK_WEIGHT),
                        recency,
                        position,
                        val(limit),
                        inline(HEADLINE_OPTIONS),
                        inline(MATCH_WEIGHT))
                .fetch();
        Record first = rows.get(0);
        List<Hit> hits = new ArrayList<>();
        for (Record r : rows) {
            Long id = r.get("id", Long.class);
            if (id != null) {
                hits.add(new Hit(id, r.get("score", Double.class), r.get("snippet", String.class)));
            }
        }
        return new Found(
                first.get("total", Integer.class),
                first.get("fallback", Boolean.class),
                first.get("as_of", OffsetDateTime.class),
                hits);
    }

    /**
     * What readers typed, as a tsquery: websearch syntax, stemmed and word for word; a last word being typed also
     * matches as the start of a word, together with the rest of the text.
     */
    private static QueryPart tsquery(SearchText text) {
        QueryPart whole = sql(
                "(websearch_to_tsquery('news_indonesian', {0}) || websearch_to_tsquery('news_simple', {0}))",
                val(text.text()));
        if (text.prefix() == null) {
            return whole;
        }
        return sql(
                "({0} || ((websearch_to_tsquery('news_indonesian', {1}) || websearch_to_tsquery('news_simple', {1}))"
                        + " && (to_tsquery('news_indonesian', quote_literal({2}) || ':*')"
                        + " || to_tsquery('news_simple', quote_literal({2}) || ':*'))))",
                whole, val(text.rest()), val(text.prefix()));
    }

    /**
     * Ids of related articles for each of {@code firsts}' article ids, best first, at most that many each: visible
     * articles sharing tags (1 per shared tag) or the section (0.5), times the recency factor.
     */
    Map<Long, List<Long>> related(Map<Long, Integer> firsts) {
        Map<Long, List<Long>> result = new LinkedHashMap<>();
        firsts.keySet().forEach(id -> result.put(id, new ArrayList<>()));
        if (firsts.isEmpty()) {
            return result;
        }
        Long[] ids = firsts.keySet().toArray(Long[]::new);
        Integer[] limits = firsts.values().toArray(Integer[]::new);
        Article candidate = ARTICLE.as("c");
        Article sameSection = ARTICLE.as("s");
        dsl.resultQuery(
                        """
                        select k.source_id, r.id, r.weight
                        from unnest(cast({0} as bigint[]), cast({1} as int[])) as k(source_id, n)
                        cross join lateral (
                          select c.id, sum(h.weight) * {6} as weight
                          from (
                            select t2.article_id as id, 1.0 as weight
                            from article_tag t1
                            cross join lateral (
                              select x.article_id from article_tag x
                              where x.tag_id = t1.tag_id and x.article_id <> k.source_id
                              order by x.article_id desc limit {2}
                            ) t2
                            where t1.article_id = k.source_id
                            union all
                            (select s.id, 0.5 from article s
                             where s.section_id = (select section_id from article where id = k.source_id)
                               and s.id <> k.source_id and {3}
                             order by s.published_at desc, s.id desc limit {4})
                          ) as h
                          join article c on c.id = h.id
                          where {5}
                          group by c.id, c.published_at
                          order by weight desc, c.id desc
                          limit k.n
                        ) r
                        order by k.source_id, r.weight desc, r.id desc
                        """,
                        val(ids),
                        val(limits),
                        inline(RELATED_PER_TAG),
                        ContentRepository.publicArticle(sameSection),
                        inline(RELATED_FROM_SECTION),
                        ContentRepository.publicArticle(candidate),
                        sql(RECENCY, sql("c.published_at"), sql("now()")))
                .forEach(r -> result.get(r.get("source_id", Long.class)).add(r.get("id", Long.class)));
        return result;
    }
}
