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
import org.springframework.transaction.support.TransactionTemplate;

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
     * The days before the first page whose body-only matches a bounded search lists. A search is bounded above
     * {@link SearchLimits#boundedAbove()} full-text matches: unless its matches are dense among the newest articles
     * (then it ranks only the newest {@link SearchLimits#newestRanked()}), it lists the matches whose headline or
     * summary hold the query and the other matches published in the last this many days, instead of ranking every
     * match; above the bound in headlines and summaries too, only the recent matches. The typo fallback likewise adds
     * only its newest or its recent articles when it finds more than the bound.
     */
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
     * The first look for the newest matches is among this many times {@link SearchLimits#newestRanked()} newest
     * articles: enough for words in a third of the articles.
     */
    static final int NEAR_FIRST = 3;

    /** The widest look for the newest matches: this many times {@link SearchLimits#newestRanked()} newest articles. */
    static final int NEAR_WIDEST = 10;

    /**
     * The second look is sized from the density of matches in the first to hold this many times
     * {@link SearchLimits#newestRanked()} matches (at most {@link #NEAR_WIDEST} times as many articles).
     */
    static final double NEAR_EXPECTED = 1.5;

    /** Whether a search looks at the newest articles first: a first page, or a later page of such a search. */
    private static final String NEWEST_FIRST_GATE = "select q.given_mode is null or q.given_mode = 'n' from query q";

    /** Whether it looks further: a later page of such a search, or a first page with many matches. */
    private static final String NEWEST_SECOND_GATE =
            "select q.given_mode = 'n' or (q.given_mode is null and f.n > {6}) from query q, found f";

    /** The full-text matches and the matches of the word being typed, published since {@code @since}. */
    private static final String NEWEST_MATCHES = """
            select a.id, a.published_at, a.search_head
                from article a, query
                where @open and query.whole_ok and a.search_vector @@ query.loose
                  and a.published_at >= (select since from @since) and (a.published_at <= query.as_of) is true and {5}
                  and (not query.phrased or a.search_vector @@ query.whole)
                union all
                select a.id, a.published_at, a.search_head
                from article a, query
                where @open and query.typed_ok and a.search_head @@ query.typed
                  and a.published_at >= (select since from @since) and (a.published_at <= query.as_of) is true
                  and (not query.negated or a.search_vector @@ query.rest) and {5}""";

    /** Whether the typo fallback looks at the newest articles first: it adds articles, or a later page of such. */
    private static final String FALLBACK_FIRST_GATE = "select q.given_mode = 'm' or (q.given_mode is null"
            + " and m.mode = 't' and exists (select 1 from fallback)) from query q, mode m";

    /** Whether it looks further: a later page of such a search, or it adds many articles. */
    private static final String FALLBACK_SECOND_GATE =
            "select q.given_mode = 'm' or (q.given_mode is null and r.recent_only) from query q, recent_only r";

    /** The articles whose headline or summary holds the words standing in, published since {@code @since}. */
    private static final String FALLBACK_MATCHES = """
            select a.id, a.published_at, a.search_head
                from article a, query, fallback
                where @open and a.search_head @@ fallback.query
                  and a.published_at >= (select since from @since) and (a.published_at <= query.as_of) is true and {5}""";

    /** The publish time {@code @name_since@stage} of the last article looked at, and the matches among them. */
    private static final String NEAR = """
            @name_since@stage as materialized (
              select coalesce((select a.published_at from article a
                               where @open and {5} and a.published_at <= (select as_of from query)
                               order by a.published_at desc, a.id desc
                               offset @offset limit 1),
                              cast('-infinity' as timestamptz)) as since
            ),
            @name_found@stage as materialized (
              select distinct on (m.id) m.id, m.published_at, m.search_head
              from (@matches) m
              order by m.id
            ),
            """;

    /**
     * The first look for the newest matches ({@code name_found1}), when {@code gate} holds (empty otherwise): the
     * matches among the newest {@code {19}} articles visible at {@code as_of}. It is a few index scans whose cost is
     * bounded by the articles looked at, not by the matches: the publish time of the last of them comes from the feed
     * index without reading rows ({@code name_since1}), and the full-text indexes carry the publish time, so only the
     * matches among them are read. When they hold many matches, the search needs nothing else.
     */
    private static String newestFirst(String name, String gate, String matches) {
        return NEAR.replace("@stage", "1")
                .replace("@offset", "{19} - 1")
                .replace("@matches", matches.replace("@since", "@name_since1"))
                .replace("@open", "(" + gate + ")")
                .replace("@name", name);
    }

    /**
     * The second look ({@code name_found2}), when the first found fewer than {@code {18}} and {@code gate} holds:
     * among as many newest articles as should hold one and a half times that many at the density the first found (at
     * most {@code {20}}); then {@code name}, the newest {@code {18}} matches of the first look if it found that many,
     * else of the second. It depends only on the articles and {@code as_of}, so a later page finds the same matches.
     */
    private static String newestSecond(String name, String gate, String matches) {
        String second = NEAR.replace("@stage", "2")
                .replace(
                        "@offset",
                        "(select cast(least({20}, ceil(cast({21} as float8) / greatest(count(*), 1))) as bigint) - 1"
                                + " from @name_found1)")
                .replace("@matches", matches.replace("@since", "@name_since2"))
                .replace("@open", "(" + gate + ") and (select count(*) from @name_found1) < {18}");
        String chosen = """
                @name as materialized (
                  select n.id, n.published_at, n.search_head
                  from (select * from @name_found1 where (select count(*) from @name_found1) >= {18}
                        union all
                        select * from @name_found2) n
                  order by n.published_at desc, n.id desc
                  limit {18}
                ),
                """;
        return (second + chosen).replace("@name", name);
    }

    /**
     * One search page. Visibility is the public rule with its time test written so that no index takes it: in the
     * full-text index publish time is a column, and a range up to now would read every entry of it.
     *
     * <p>A first page looks at the newest {@code 3 × newestRanked} articles first ({@code newest_found1}, see
     * {@link #newestFirst}): when more than the bound of them match, the matches are dense among the newest articles
     * ({@code dense}) and the search ranks only its newest {@code newestRanked} matches, read from that look, without
     * counting anything else. Otherwise {@code whole} is the full-text matches, {@code typed} the matches of the word
     * being typed (in headlines and summaries) and {@code headed} the headline-and-summary matches of the whole query;
     * on a first page each stops at one more than the bound (its rows come in index order, so then they are only
     * counted). Only when those counts show more matches than the bound does a second, wider look at the newest
     * articles run ({@link #newestSecond}); a search of few matches reads its matches through the full-text indexes as
     * before and never runs it.
     *
     * <p>A quoted phrase ({@code phrased}: {@code whole} has a phrase operator and no negation) is found through
     * {@code loose}, the same query with every phrase operator made {@code &}: the full-text index answers that
     * without a recheck, so the other conditions (a section, publish times) drop the rows they exclude before the
     * phrase itself is checked against the stored vector, which PostgreSQL must read in full (it is stored out of
     * line). Checking the phrase first read every article holding the words: {@code "di yang"} in one section of the
     * generated 100,000 articles read the vectors of all of them in three scans, 2.7 to 3 s. With a negation
     * {@code loose} is {@code whole} itself ({@code &} would not be implied under {@code !}).
     *
     * <p>The mode decides what is ranked: every match ({@code f}); that plus the typo fallback ({@code t}, or
     * {@code r} when only its recent articles are added, {@code m} when only its newest {@code newestRanked}, the same
     * two looks finding them); the newest {@code newestRanked} matches published up to the first page's instant
     * ({@code n}: the newest articles hold that many matches, as for words found in a large share of all articles,
     * whose matches of the last days alone would be tens of thousands); else the headline-and-summary matches plus the
     * recent ones ({@code b}), or only the recent ones when even the headline-and-summary matches are too many
     * ({@code c}). So a search reads at most the bound of matches, or {@code newestRanked} matches and the matches
     * among the articles looked at (at most {@code 10 × newestRanked} articles), whatever the number of matches; only
     * {@code b} and {@code c} read the matches of the last days, and they run only when those are sparse among the
     * newest articles. Later pages keep the first page's mode and instant, so every page ranks the same hits the same
     * way ({@code n} and {@code m} leave out articles published after the instant). Snippets are made for the page's
     * hits only, marking the words standing in for mistyped ones too, from the first text that holds a marked word:
     * the summary and body read stemmed, then read word for word (a word found only in its word-for-word form, such
     * as a word standing in for a mistyped one that the stemmer cuts, is marked only so), then the headline the same
     * two ways; each later reading runs only when the earlier ones marked nothing. With no marked word anywhere, the
     * snippet is the start of the summary and body.
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
                     position('!' in cast(coalesce(w.whole || t.typed, w.whole) as text)) > 0 as negated,
                     case when position('!' in cast(w.whole as text)) > 0 then w.whole
                          else cast(regexp_replace(cast(w.whole as text), '<[0-9-]+>', '&', 'g') as tsquery)
                     end as loose,
                     position('!' in cast(w.whole as text)) = 0 and position('<' in cast(w.whole as text)) > 0
                       as phrased
              from input i,
                   lateral (select case when cast(i.stemmed as text) = cast(i.simple as text) then i.stemmed
                                        else i.stemmed || i.simple end as whole) w,
                   lateral (select i.rest && i.prefix as typed) t
            ),
            """ + newestFirst("newest", NEWEST_FIRST_GATE, NEWEST_MATCHES) + """
            dense as materialized (
              select query.given_mode is null and (select count(*) from newest_found1) > {6} as dense from query
            ),
            typed as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query
              where query.typed_ok and a.search_head @@ query.typed
                and (not query.negated or a.search_vector @@ query.rest) and {5}
              limit (select case when dense.dense then 0 when query.given_mode is null then {6} + 1
                                 when query.given_mode in ('c', 'n') then 0 end
                     from query, dense)
            ),
            whole as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query
              where query.whole_ok and a.search_vector @@ query.loose and {5}
                and (not query.phrased or a.search_vector @@ query.whole)
              limit (select case when dense.dense then 0 when query.given_mode is null then {6} + 1
                                 when query.given_mode in ('b', 'c', 'n') then 0 end
                     from query, dense)
            ),
            found as materialized (
              select count(*) as n from (select id from whole union select id from typed) u
            ),
            """
            + newestSecond("newest", NEWEST_SECOND_GATE, NEWEST_MATCHES) + """
            headed as materialized (
              select a.id, a.published_at, a.search_head
              from article a, query, found
              where (query.given_mode = 'b'
                     or (query.given_mode is null and found.n > {6} and (select count(*) from newest) < {18}))
                and query.whole_ok and a.search_head @@ query.whole
                and (not query.negated or a.search_vector @@ query.whole) and {5}
              limit (select case when query.given_mode is null then {6} + 1 end from query)
            ),
            mode as materialized (
              select coalesce(query.given_mode,
                              case when dense.dense then 'n'
                                   when found.n > {6} and (select count(*) from newest) >= {18} then 'n'
                                   when found.n > {6} and (select count(*) from (
                                     select id from headed union select id from typed) u) > {6} then 'c'
                                   when found.n > {6} then 'b'
                                   when found.n < {7} then 't'
                                   else 'f' end) as mode
              from query, found, dense
            ),
            matched as materialized (
              select distinct on (m.id) m.id, m.published_at,
                     {8} + cast(ts_rank(m.search_head, query.q) as float8) as relevance
              from (
                select whole.* from whole, mode where mode.mode in ('f', 't', 'r', 'm')
                union all
                select typed.* from typed, mode where mode.mode not in ('c', 'n')
                union all
                select newest.* from newest, mode where mode.mode = 'n'
                union all
                select headed.* from headed, mode where mode.mode = 'b'
                union all
                select a.id, a.published_at, a.search_head
                from article a, query, mode
                where mode.mode in ('b', 'c') and query.whole_ok and a.search_vector @@ query.loose
                  and a.published_at >= query.as_of - make_interval(days => {9}) and {5}
                  and (not query.phrased or a.search_vector @@ query.whole)
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
              where mode.mode in ('t', 'r', 'm') and length(w.word) >= 3
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
            """
            + newestFirst("resembling_newest", FALLBACK_FIRST_GATE, FALLBACK_MATCHES) + """
            recent_only as materialized (
              select coalesce(query.given_mode in ('r', 'm'),
                              mode.mode = 't' and ((select count(*) from resembling_newest_found1) > {6}
                                                   or (select count(*) from (
                                select 1 from article a, fallback where a.search_head @@ fallback.query and {5}
                                limit {6} + 1) x) > {6})) as recent_only
              from query, mode
            ),
            """
            + newestSecond("resembling_newest", FALLBACK_SECOND_GATE, FALLBACK_MATCHES) + """
            capped as materialized (
              select recent_only.recent_only and (select count(*) from resembling_newest) >= {18} as capped
              from recent_only
            ),
            resembling as (
              select a.id, a.published_at, {12} * fallback.similarity as relevance
              from article a, fallback, recent_only
              where not recent_only.recent_only and a.search_head @@ fallback.query and {5}
                and a.id not in (select id from matched)
              union all
              select a.id, a.published_at, {12} * fallback.similarity as relevance
              from article a, fallback, recent_only, capped, query
              where recent_only.recent_only and not capped.capped and a.search_head @@ fallback.query
                and a.published_at >= query.as_of - make_interval(days => {9}) and {5}
                and a.id not in (select id from matched)
              union all
              select n.id, n.published_at, {12} * fallback.similarity as relevance
              from resembling_newest n, fallback, capped
              where capped.capped and n.id not in (select id from matched)
            ),
            hits as (
              select h.id, h.relevance * {13} as score
              from (select * from matched union all select * from resembling) h, query
            ),
            page as materialized (
              select id, score, row_number() over (order by score desc, id desc) as n
              from hits where {14} order by score desc, id desc limit {15}
            ),
            marked as materialized (
              select coalesce(query.q || (select fallback.query from fallback), query.q) as q from query
            ),
            snippets as materialized (
              select p.id,
                     case when strpos(b1.h, '<mark>') > 0 then b1.h
                          when strpos(b2.h, '<mark>') > 0 then b2.h
                          when strpos(h1.h, '<mark>') > 0 then h1.h
                          when strpos(h2.h, '<mark>') > 0 then h2.h
                          else b1.h end as snippet
              from page p
                join article a on a.id = p.id
                cross join marked
                cross join lateral (
                  select news_escape_html(concat_ws(' ', a.summary, news_body_text(a.body))) as body,
                         news_escape_html(a.headline) as head
                  offset 0) t
                cross join lateral (
                  select ts_headline('news_indonesian', t.body, marked.q, {17}) as h offset 0) b1
                cross join lateral (
                  select case when strpos(b1.h, '<mark>') = 0
                              then ts_headline('news_simple', t.body, marked.q, {17}) end as h
                  offset 0) b2
                cross join lateral (
                  select case when strpos(b1.h, '<mark>') = 0 and strpos(coalesce(b2.h, ''), '<mark>') = 0
                              then ts_headline('news_indonesian', t.head, marked.q, {17}) end as h
                  offset 0) h1
                cross join lateral (
                  select case when strpos(h1.h, '<mark>') = 0
                              then ts_headline('news_simple', t.head, marked.q, {17}) end as h
                  offset 0) h2
              where p.n <= {16}
            )
            select s.total, case when s.capped then 'm' when s.recent_only then 'r' else s.mode end as mode, s.as_of, p.id, p.score,
                   sn.snippet
            from (select (select count(*) from hits) as total, mode.mode, recent_only.recent_only, capped.capped,
                         query.as_of
                  from query, mode, recent_only, capped) s
              left join (page p left join snippets sn on sn.id = p.id) on true
            order by p.score desc, p.id desc
            """;

    private final DSLContext dsl;

    private final SearchLimits limits;

    private final TransactionTemplate transactions;

    SearchRepository(DSLContext dsl, SearchLimits limits, TransactionTemplate transactions) {
        this.dsl = dsl;
        this.limits = limits;
        this.transactions = transactions;
    }

    /** One result row: the page's hits in order; the totals are the same on every row. */
    record Found(int total, SearchCursor.Mode mode, OffsetDateTime asOf, List<Hit> hits) {}

    /** A hit before its article is loaded; the snippet is null on the row past the page. */
    record Hit(long id, double score, String snippet) {}

    /**
     * One search page, its statement bounded in time by PostgreSQL: it runs in a transaction of its own whose
     * {@code statement_timeout} is {@link SearchLimits#statementTimeout()}, so a statement that runs longer is
     * cancelled at the database (SQLSTATE 57014, which {@link ArticleSearch} answers as SEARCH_TIMEOUT) and its
     * connection and turn are free again. {@code SET LOCAL} ends with the transaction: the pooled connection keeps
     * no setting.
     */
    Found search(
            SearchText text,
            Collection<Long> sectionIds,
            OffsetDateTime publishedAfter,
            OffsetDateTime publishedBefore,
            SearchCursor after,
            int size) {
        return transactions.execute(status -> {
            dsl.execute(
                    "set local statement_timeout = " + limits.statementTimeout().toMillis());
            return page(text, sectionIds, publishedAfter, publishedBefore, after, size);
        });
    }

    private Found page(
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
                        inline(limits.boundedAbove()),
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
                        inline(HEADLINE_OPTIONS),
                        inline(limits.newestRanked()),
                        inline(NEAR_FIRST * limits.newestRanked()),
                        inline(NEAR_WIDEST * limits.newestRanked()),
                        inline(NEAR_EXPECTED * NEAR_FIRST * limits.newestRanked() * (double) limits.newestRanked()))
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
