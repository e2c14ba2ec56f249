package news.search;

import static news.db.Tables.ARTICLE;
import static org.jooq.impl.DSL.currentOffsetDateTime;
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
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The search and related-articles SQL. Both run as one statement each, whatever the page size: a search page is
 * ranked, counted and given its snippets together; related lists for a page of articles are one LATERAL join.
 */
@Repository
class SearchRepository {

    // A query of excluded words only (querytree 'T') would rank every article; it finds nothing instead.

    /**
     * Below this many full-text hits the typo fallback adds articles holding the known words closest to the query's
     * words.
     */
    static final int FALLBACK_BELOW = 3;

    /**
     * Above this many full-text matches a search is bounded: it lists the matches whose headline or summary hold the
     * query and the other matches published in the last {@link #RECENT_DAYS} days, instead of ranking every match;
     * above this many headline-and-summary matches too, only the recent matches. The typo fallback likewise adds only
     * its recent articles when it finds more than this many.
     */
    static final int BOUNDED_ABOVE = 1000;

    /** The days before the first page whose body-only matches a bounded search lists. */
    static final int RECENT_DAYS = 30;

    /**
     * Relevance of every full-text match, to which the rank of its headline and summary is added: matches in the body
     * alone rank by recency.
     */
    static final double MATCH_WEIGHT = 0.1;

    /** Articles matched only by the typo fallback get this share of the similarity of the words standing in. */
    static final double FALLBACK_WEIGHT = 0.1;

    /** Least trigram similarity of a known word to a mistyped one for it to stand in. */
    static final double TERM_SIMILARITY = 0.3;

    /** Most known words standing in for one mistyped word (the closest ones, equally close). */
    static final int TERMS_PER_WORD = 3;

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

    /**
     * One search page. Visibility is the public rule with its time test written so that no index takes it: in the
     * full-text index publish time is a column, and a range up to now would read every entry of it.
     *
     * <p>{@code whole} is the full-text matches, {@code typed} the matches of the word being typed (in headlines and
     * summaries) and {@code headed} the headline-and-summary matches of the whole query; on a first page each stops at
     * one more than the bound (its rows come in index order, so then they are only counted). The mode decides what is
     * ranked: every match ({@code f}), that plus the typo fallback ({@code t}, or {@code r} when only its recent
     * articles are added), the headline-and-summary matches plus the recent ones ({@code b}), or only the recent ones
     * when even the headline-and-summary matches are too many ({@code c}). Later pages keep the
     * first page's mode and instant, so every page ranks the same hits the same way. Snippets are made for the page's
     * hits only, marking the words standing in for mistyped ones too.
     */
    private static final String SEARCH = """
            with input as materialized (
              select websearch_to_tsquery('news_indonesian', {0}) as stemmed,
                     websearch_to_tsquery('news_simple', {0}) as simple,
                     websearch_to_tsquery('news_indonesian', {1}) || websearch_to_tsquery('news_simple', {1}) as rest,
                     to_tsquery('news_simple', quote_literal({2}) || ':*') as prefix,
                     news_unaccent({0}) as plain,
                     coalesce(cast({3} as timestamptz), now()) as as_of,
                     cast({4} as char) as given_mode
            ),
            query as materialized (
              select w.whole, t.typed, i.rest, coalesce(w.whole || t.typed, w.whole) as q, i.plain, i.as_of,
                     i.given_mode, querytree(w.whole) <> 'T' as whole_ok,
                     coalesce(querytree(t.typed) <> 'T', false) as typed_ok,
                     position('!' in cast(coalesce(w.whole || t.typed, w.whole) as text)) > 0 as negated
              from input i,
                   lateral (select case when cast(i.stemmed as text) = cast(i.simple as text) then i.stemmed
                                        else i.stemmed || i.simple end as whole) w,
                   lateral (select i.rest && i.prefix as typed) t
            ),
            typed as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query
              where query.typed_ok and a.search_head @@ query.typed
                and (not query.negated or a.search_vector @@ query.rest) and {5}
              limit (select case when query.given_mode is null then {6} + 1 when query.given_mode = 'c' then 0 end
                     from query)
            ),
            whole as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query
              where query.whole_ok and a.search_vector @@ query.whole and {5}
              limit (select case when query.given_mode is null then {6} + 1 when query.given_mode in ('b', 'c') then 0 end
                     from query)
            ),
            found as materialized (
              select count(*) as n from (select id from whole union select id from typed) u
            ),
            headed as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query, found
              where (query.given_mode = 'b' or (query.given_mode is null and found.n > {6}))
                and query.whole_ok and a.search_head @@ query.whole
                and (not query.negated or a.search_vector @@ query.whole) and {5}
              limit (select case when query.given_mode is null then {6} + 1 end from query)
            ),
            mode as materialized (
              select coalesce(query.given_mode,
                              case when found.n > {6} and (select count(*) from (
                                     select id from headed union select id from typed) u) > {6} then 'c'
                                   when found.n > {6} then 'b'
                                   when found.n < {7} then 't'
                                   else 'f' end) as mode
              from query, found
            ),
            matched as materialized (
              select distinct on (m.id) m.id, m.published_at,
                     {8} + cast(ts_rank(m.search_head, query.q) as float8) as relevance
              from (
                select whole.* from whole, mode where mode.mode in ('f', 't', 'r')
                union all
                select typed.* from typed, mode where mode.mode <> 'c'
                union all
                select headed.* from headed, mode where mode.mode = 'b'
                union all
                select a.id, a.published_at, a.search_head
                from article a, query, mode
                where mode.mode in ('b', 'c') and query.whole_ok and a.search_vector @@ query.whole
                  and a.published_at >= query.as_of - make_interval(days => {9}) and {5}
                union all
                select a.id, a.published_at, a.search_head
                from article a, query, mode
                where mode.mode = 'c' and query.typed_ok and a.search_head @@ query.typed
                  and a.published_at >= query.as_of - make_interval(days => {9})
                  and (not query.negated or a.search_vector @@ query.rest) and {5}
              ) m, query
              order by m.id
            ),
            words as materialized (
              select w.word
              from query, mode, unnest(tsvector_to_array(to_tsvector('news_simple', query.plain))) as w(word)
              where mode.mode in ('t', 'r') and length(w.word) >= 3
            ),
            stand_ins as materialized (
              select w.word, t.term, t.similarity,
                     max(t.similarity) over (partition by w.word) as closest
              from words w
              cross join lateral (
                select s.term, similarity(s.term, w.word) as similarity
                from search_term s
                where s.term % w.word and similarity(s.term, w.word) >= {10}
                order by 2 desc, s.term
                limit {11}
              ) t
            ),
            fallback as materialized (
              select to_tsquery('news_simple', string_agg(alternatives, ' & ')) as query, min(similarity) as similarity
              from (select '(' || string_agg(quote_literal(term), ' | ') || ')' as alternatives,
                           max(similarity) as similarity
                    from stand_ins where similarity = closest group by word) x
              having count(*) > 0
            ),
            recent_only as materialized (
              select coalesce(query.given_mode = 'r',
                              mode.mode = 't' and (select count(*) from (
                                select 1 from article a, fallback where a.search_head @@ fallback.query and {5}
                                limit {6} + 1) x) > {6}) as recent_only
              from query, mode
            ),
            resembling as (
              select a.id, a.published_at, {12} * fallback.similarity as relevance
              from article a, fallback, recent_only
              where not recent_only.recent_only and a.search_head @@ fallback.query and {5}
                and a.id not in (select id from matched)
              union all
              select a.id, a.published_at, {12} * fallback.similarity as relevance
              from article a, fallback, recent_only, query
              where recent_only.recent_only and a.search_head @@ fallback.query
                and a.published_at >= query.as_of - make_interval(days => {9}) and {5}
                and a.id not in (select id from matched)
            ),
            hits as (
              select h.id, h.relevance * {13} as score
              from (select * from matched union all select * from resembling) h, query
            ),
            page as materialized (
              select id, score, row_number() over (order by score desc, id desc) as n
              from hits where {14} order by score desc, id desc limit {15}
            )
            select s.total, case when s.recent_only then 'r' else s.mode end as mode, s.as_of, p.id, p.score,
                   case when p.n <= {16} then
                     ts_headline('news_indonesian', news_escape_html(concat_ws(' ', a.summary, news_body_text(a.body))),
                                 s.q, {17}) end as snippet
            from (select (select count(*) from hits) as total, mode.mode, recent_only.recent_only, query.as_of,
                         coalesce(query.q || (select fallback.query from fallback), query.q) as q
                  from query, mode, recent_only) s
              left join (page p join article a on a.id = p.id) on true
            order by p.score desc, p.id desc
            """;

    private final DSLContext dsl;

    SearchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One result row: the page's hits in order; the totals are the same on every row. */
    record Found(int total, SearchCursor.Mode mode, OffsetDateTime asOf, List<Hit> hits) {}

    /** A hit before its article is loaded; the snippet is null on the row past the page. */
    record Hit(long id, double score, String snippet) {}

    Found search(
            SearchText text,
            Collection<Long> sectionIds,
            OffsetDateTime publishedAfter,
            OffsetDateTime publishedBefore,
            SearchCursor after,
            int size) {
        Article a = ARTICLE.as("a");
        Condition filter = a.STATUS
                .in(inline("PUBLISHED"), inline("SCHEDULED"))
                .and(DSL.condition("({0} <= {1}) is true", a.PUBLISHED_AT, currentOffsetDateTime()));
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
        QueryPart recency = sql(RECENCY, sql("h.published_at"), sql("query.as_of"));
        List<Record> rows = dsl.resultQuery(
                        SEARCH,
                        val(text.text()),
                        val(text.prefix() == null ? "" : text.rest(), String.class),
                        val(text.prefix(), String.class),
                        val(after == null ? null : after.asOf(), OffsetDateTime.class),
                        val(after == null ? null : after.mode().code(), String.class),
                        filter,
                        inline(BOUNDED_ABOVE),
                        inline(FALLBACK_BELOW),
                        inline(MATCH_WEIGHT),
                        inline(RECENT_DAYS),
                        inline(TERM_SIMILARITY),
                        inline(TERMS_PER_WORD),
                        inline(FALLBACK_WEIGHT),
                        recency,
                        position,
                        val(size + 1),
                        val(size),
                        inline(HEADLINE_OPTIONS))
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
                SearchCursor.Mode.of(first.get("mode", String.class)),
                first.get("as_of", OffsetDateTime.class),
                hits);
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
