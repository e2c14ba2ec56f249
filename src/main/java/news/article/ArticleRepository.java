package news.article;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_SLUG_HISTORY;
import static news.db.Tables.ARTICLE_TAG;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.content.ContentRepository;
import news.database.RenderedStatements;
import news.database.RenderedStatements.Slots;
import news.database.Row;
import news.reporter.ReporterRepository;
import news.tag.TagRepository;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SelectLimitPercentStep;
import org.jooq.SortField;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** SQL for reading articles. Public reads only ever see visible articles: published, with a publish time passed. */
@Repository
class ArticleRepository {

    private static final Field<Integer> PAGE_INDEX = field("page_index", Integer.class);

    /**
     * The columns of an article in the two rendered statements (article page and list pages), read by position by
     * {@link #toArticle(Row)}; {@code ArticleColumnsTest} checks that every one of them is read, once, into the
     * component of its name.
     */
    static final List<SelectField<?>> LIST_COLUMNS = List.of(
            ARTICLE.ID,
            ARTICLE.SLUG,
            ARTICLE.HEADLINE,
            ARTICLE.SUMMARY,
            ARTICLE.SECTION_ID,
            ARTICLE.STATUS,
            ARTICLE.PUBLISHED_AT,
            ARTICLE.UPDATED_AT,
            ARTICLE.IMAGE_URL,
            ARTICLE.IMAGE_CAPTION,
            ARTICLE.IMAGE_CREDIT,
            ARTICLE.IMAGE_ALT,
            ARTICLE.IMAGE_WIDTH,
            ARTICLE.IMAGE_HEIGHT,
            ARTICLE.VERSION);

    /** Never a slug: slugs are lower-case letters, digits and hyphens. */
    private static final String SLUG_SENTINEL = "\u0001slug";

    private static final Long ID_SENTINEL = Long.MIN_VALUE;

    private static final String BYLINE = "byline";

    private static final String TAG_LIST = "tag_list";

    /**
     * The byline's reporter ids of the row's article; one instance for every statement, since a list statement is
     * built again on every execution (to collect its values) and an array column's type is costly to make.
     */
    private static final Field<Long[]> BYLINE_IDS =
            ReporterRepository.bylineIds(ARTICLE.ID).as(BYLINE);

    /** Which article page statement: by slug or by id, and which parts along with the row. */
    private record ReadShape(boolean bySlug, ArticleRead.Parts parts) {}

    private final DSLContext dsl;

    private final JsonMapper json;

    /** Reads a body: the list type resolved once, not on every read. */
    private final ObjectReader bodyReader;

    private final RenderedStatements<ReadShape> reads;

    private final RenderedStatements<List<Object>> pageStatements;

    ArticleRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
        this.bodyReader = json.readerFor(new TypeReference<List<BodyBlock>>() {});
        this.reads = new RenderedStatements<>(dsl);
        this.pageStatements = new RenderedStatements<>(dsl);
    }

    /** Visible to the public: published (or scheduled) and the publish time has come. */
    static Condition visible() {
        return ContentRepository.publicArticle(ARTICLE);
    }

    /** By current slug, or by a slug the article had before (kept in {@code article_slug_history}). */
    Optional<Article> findVisibleBySlug(String slug) {
        return findVisibleBySlug(slug, ArticleRead.Parts.NONE).map(ArticleRead::article);
    }

    /** Like {@link #findVisibleBySlug(String)}, with the asked parts read in the same statement. */
    Optional<ArticleRead> findVisibleBySlug(String slug, ArticleRead.Parts parts) {
        return reads.fetchOptional(
                new ReadShape(true, parts),
                SLUG_SENTINEL,
                slug,
                s -> read(
                        parts,
                        visible()
                                .and(ARTICLE.SLUG
                                        .eq(s)
                                        .or(ARTICLE.ID.eq(select(ARTICLE_SLUG_HISTORY.ARTICLE_ID)
                                                .from(ARTICLE_SLUG_HISTORY)
                                                .where(ARTICLE_SLUG_HISTORY.SLUG.eq(s))))),
                        ARTICLE.SLUG.eq(s).desc()),
                r -> toRead(r, parts));
    }

    /** A visible article by id, with the asked parts read in the same statement. */
    Optional<ArticleRead> findVisibleById(long id, ArticleRead.Parts parts) {
        return reads.fetchOptional(
                new ReadShape(false, parts),
                ID_SENTINEL,
                id,
                i -> read(parts, ARTICLE.ID.eq(i).and(visible()), ARTICLE.ID.asc()),
                r -> toRead(r, parts));
    }

    /** The statement of an article page; its text is rendered once per shape (see {@link RenderedStatements}). */
    ResultQuery<Record> read(ArticleRead.Parts parts, Condition condition, SortField<?> preferred) {
        List<SelectField<?>> columns = new ArrayList<>(LIST_COLUMNS);
        if (parts.body()) {
            columns.add(ARTICLE.BODY);
        }
        if (parts.reporters()) {
            columns.add(BYLINE_IDS);
        }
        if (parts.tags()) {
            columns.add(TagRepository.listOf(ARTICLE.ID).as(TAG_LIST));
        }
        return dsl.select(columns)
                .from(ARTICLE)
                .where(condition)
                .orderBy(preferred)
                .limit(inline(1));
    }

    /** A row of the article page statement, by position (see {@link #toArticle(Row)}). */
    ArticleRead toRead(Row r, ArticleRead.Parts parts) {
        int body = LIST_COLUMNS.size();
        int byline = body + (parts.body() ? 1 : 0);
        int tags = byline + (parts.reporters() ? 1 : 0);
        return new ArticleRead(
                toArticle(r),
                parts.body() ? parseBody(r.getString(body)) : null,
                parts.reporters() ? r.getLongArray(byline) : null,
                parts.tags() ? TagRepository.parseList(json, r.getString(tags)) : null);
    }

    /** Any article whatever its status, for editors. */
    Optional<Article> findById(long id) {
        return dsl.select(LIST_COLUMNS)
                .from(ARTICLE)
                .where(ARTICLE.ID.eq(id))
                .fetchOptional(ArticleRepository::toArticle);
    }

    /** Every slug that finds the article: its current one and those it had while public, in no order. */
    List<String> findSlugs(long id) {
        return dsl.select(ARTICLE.SLUG)
                .from(ARTICLE)
                .where(ARTICLE.ID.eq(id))
                .unionAll(select(ARTICLE_SLUG_HISTORY.SLUG)
                        .from(ARTICLE_SLUG_HISTORY)
                        .where(ARTICLE_SLUG_HISTORY.ARTICLE_ID.eq(id)))
                .fetch(ARTICLE.SLUG);
    }

    /** Any article by its current slug whatever its status, for editors. */
    Optional<Article> findBySlug(String slug) {
        return dsl.select(LIST_COLUMNS)
                .from(ARTICLE)
                .where(ARTICLE.SLUG.eq(slug))
                .fetchOptional(ArticleRepository::toArticle);
    }

    /** Not public yet: drafts and scheduled articles whose time has not come. */
    static Condition unpublished() {
        return ARTICLE.STATUS
                .eq(ArticleStatus.DRAFT.name())
                .or(ARTICLE.STATUS
                        .eq(ArticleStatus.SCHEDULED.name())
                        .and(ARTICLE.PUBLISHED_AT.gt(currentOffsetDateTime())));
    }

    /** Up to {@code limit} unpublished articles below id {@code beforeId} (null: from the newest), newest first. */
    List<Article> findUnpublished(int limit, Long beforeId) {
        return dsl.select(LIST_COLUMNS)
                .from(ARTICLE)
                .where(unpublished().and(beforeId == null ? noCondition() : ARTICLE.ID.lt(beforeId)))
                .orderBy(ARTICLE.ID.desc())
                .limit(limit)
                .fetch(ArticleRepository::toArticle);
    }

    int countUnpublished() {
        return dsl.fetchCount(ARTICLE, unpublished());
    }

    Optional<Article> findVisibleById(long id) {
        return findVisibleById(id, ArticleRead.Parts.NONE).map(ArticleRead::article);
    }

    /** Visible articles among {@code ids}, in no particular order. */
    /** Any articles among {@code ids} whatever their status, for editors. */
    List<Article> findByIds(Collection<Long> ids) {
        return dsl.select(LIST_COLUMNS).from(ARTICLE).where(ARTICLE.ID.in(ids)).fetch(ArticleRepository::toArticle);
    }

    List<Article> findVisibleByIds(Collection<Long> ids) {
        return dsl.select(LIST_COLUMNS)
                .from(ARTICLE)
                .where(ARTICLE.ID.in(ids).and(visible()))
                .fetch(ArticleRepository::toArticle);
    }

    /**
     * When each of {@code ids} becomes (or became) public: the publish time of published and scheduled articles;
     * drafts, archived and unknown ids are absent.
     */
    Map<Long, OffsetDateTime> findPublicFrom(Collection<Long> ids) {
        Map<Long, OffsetDateTime> result = new HashMap<>();
        dsl.select(ARTICLE.ID, ARTICLE.PUBLISHED_AT)
                .from(ARTICLE)
                .where(ARTICLE.ID
                        .in(ids)
                        .and(ARTICLE.STATUS.in(ArticleStatus.PUBLISHED.name(), ArticleStatus.SCHEDULED.name()))
                        .and(ARTICLE.PUBLISHED_AT.isNotNull()))
                .forEach(r -> result.put(r.get(ARTICLE.ID), r.get(ARTICLE.PUBLISHED_AT)));
        return result;
    }

    /** The ids among {@code ids} that are visible articles. */
    List<Long> findVisibleIds(Collection<Long> ids) {
        return dsl.select(ARTICLE.ID)
                .from(ARTICLE)
                .where(ARTICLE.ID.in(ids).and(visible()))
                .fetch(ARTICLE.ID);
    }

    /**
     * Fetches several pages in one statement: one keyset-limited SELECT per page, joined by UNION ALL so each keeps
     * its own index plan. Each page holds up to {@code first + 1} rows; the extra row tells that more follow. With
     * {@code bylines}, each row brings the reporter ids of its article's byline, so a page that shows reporters needs
     * no second statement.
     */
    Map<PageKey, ArticlePage> pages(Collection<PageKey> keys, boolean bylines) {
        Map<PageKey, List<Article>> lists = new LinkedHashMap<>();
        Map<PageKey, Map<Long, Long[]>> bylinesOf = new HashMap<>();
        List<PageKey> indexed = new ArrayList<>();
        List<Object> shape = new ArrayList<>();
        shape.add(bylines);
        for (PageKey key : keys) {
            lists.put(key, new ArrayList<>());
            if (bylines) {
                bylinesOf.put(key, new HashMap<>());
            }
            if (!key.query().nothing() && !indexed.contains(key)) {
                indexed.add(key);
                shape.add(PageShape.of(key));
            }
        }
        if (!indexed.isEmpty()) {
            List<PageRow> rows =
                    pageStatements.fetch(shape, slots -> union(indexed, bylines, slots), r -> toPageRow(r, bylines));
            for (PageRow row : rows) {
                PageKey key = indexed.get(row.page());
                lists.get(key).add(row.article());
                if (bylines) {
                    bylinesOf.get(key).put(row.article().id(), row.byline());
                }
            }
        }
        Map<PageKey, ArticlePage> result = new LinkedHashMap<>();
        lists.forEach((key, articles) -> result.put(key, new ArticlePage(articles, bylinesOf.get(key))));
        return result;
    }

    /** One row of a page statement: which page, its article, and the byline's reporter ids when asked. */
    record PageRow(int page, Article article, Long[] byline) {}

    /** A row of the list page statement, by position (see {@link #toArticle(Row)}). */
    static PageRow toPageRow(Row r, boolean bylines) {
        return new PageRow(
                r.getInteger(LIST_COLUMNS.size()),
                toArticle(r),
                bylines ? r.getLongArray(LIST_COLUMNS.size() + 1) : null);
    }

    /** What makes two page statements differ in text (not in values). */
    private record PageShape(
            int first,
            int sections,
            boolean reporter,
            boolean tag,
            boolean after,
            boolean publishedAfter,
            boolean publishedBefore) {

        static PageShape of(PageKey key) {
            ArticleQuery q = key.query();
            return new PageShape(
                    key.first(),
                    q.sectionIds() == null ? -1 : q.sectionIds().size(),
                    q.reporterId() != null,
                    q.tagId() != null,
                    key.after() != null,
                    q.publishedAfter() != null,
                    q.publishedBefore() != null);
        }
    }

    /** The list page statement; with {@code slots}, every value it binds goes through them. */
    ResultQuery<Record> union(List<PageKey> indexed, boolean bylines, Slots slots) {
        Select<Record> union = null;
        for (int i = 0; i < indexed.size(); i++) {
            PageKey key = indexed.get(i);
            List<SelectField<?>> columns = new ArrayList<>(LIST_COLUMNS);
            columns.add(inline(i).as(PAGE_INDEX.getName()));
            if (bylines) {
                columns.add(BYLINE_IDS);
            }
            Condition after = key.after() == null
                    ? noCondition()
                    : row(ARTICLE.PUBLISHED_AT, ARTICLE.ID)
                            .lt(
                                    bind(slots, key.after().publishedAt()),
                                    bind(slots, key.after().id()));
            SelectLimitPercentStep<Record> page = dsl.select(columns)
                    .from(ARTICLE)
                    .where(matching(key.query(), slots).and(after))
                    .orderBy(ARTICLE.PUBLISHED_AT.desc(), ARTICLE.ID.desc())
                    // Written into the text, not bound: with a bound limit PostgreSQL plans the statement again on
                    // every execution (a generic plan cannot know how few rows are asked, so it never wins over a
                    // custom one), which cost more CPU than running it; the page size is part of the shape.
                    .limit(inline(key.first() + 1));
            union = union == null ? page : union.unionAll(page);
        }
        return (ResultQuery<Record>) union;
    }

    /** Counts several lists in one statement, one scalar subquery each. */
    Map<ArticleQuery, Integer> counts(Collection<ArticleQuery> queries) {
        Map<ArticleQuery, Integer> result = new HashMap<>();
        List<ArticleQuery> asked =
                queries.stream().filter(q -> !q.nothing()).distinct().toList();
        queries.stream().filter(ArticleQuery::nothing).forEach(q -> result.put(q, 0));
        if (asked.isEmpty()) {
            return result;
        }
        List<Field<Integer>> counts = new ArrayList<>(asked.size());
        for (ArticleQuery q : asked) {
            counts.add(field(selectCount().from(ARTICLE).where(matching(q))).as("count_" + counts.size()));
        }
        Record row = dsl.select(counts).fetchOne();
        for (int i = 0; i < asked.size(); i++) {
            result.put(asked.get(i), row.get(counts.get(i)));
        }
        return result;
    }

    /** Bodies of the given articles. */
    Map<Long, List<BodyBlock>> bodiesOf(Collection<Long> articleIds) {
        Map<Long, List<BodyBlock>> result = new HashMap<>();
        dsl.select(ARTICLE.ID, ARTICLE.BODY)
                .from(ARTICLE)
                .where(ARTICLE.ID.in(articleIds))
                .forEach(r -> {
                    JSONB body = r.get(ARTICLE.BODY);
                    result.put(r.get(ARTICLE.ID), parseBody(body == null ? null : body.data()));
                });
        return result;
    }

    private List<BodyBlock> parseBody(String body) {
        return body == null ? List.of() : bodyReader.readValue(body);
    }

    private static Condition matching(ArticleQuery query) {
        return matching(query, null);
    }

    /** The condition of a list; with {@code slots}, every value it binds goes through them. */
    private static Condition matching(ArticleQuery query, Slots slots) {
        Condition condition = visible();
        if (query.sectionIds() != null) {
            List<Long> ids = query.sectionIds();
            if (slots != null) {
                ids = new ArrayList<>(ids.size());
                for (Long id : query.sectionIds()) {
                    ids.add(slots.of(id));
                }
            }
            condition = condition.and(ARTICLE.SECTION_ID.in(ids));
        }
        if (query.reporterId() != null) {
            condition = condition.and(ARTICLE.ID.in(select(ARTICLE_REPORTER.ARTICLE_ID)
                    .from(ARTICLE_REPORTER)
                    .where(ARTICLE_REPORTER.REPORTER_ID.eq(bind(slots, query.reporterId())))));
        }
        if (query.tagId() != null) {
            condition = condition.and(ARTICLE.ID.in(select(ARTICLE_TAG.ARTICLE_ID)
                    .from(ARTICLE_TAG)
                    .where(ARTICLE_TAG.TAG_ID.eq(bind(slots, query.tagId())))));
        }
        if (query.publishedAfter() != null) {
            condition = condition.and(ARTICLE.PUBLISHED_AT.ge(bind(slots, query.publishedAfter())));
        }
        if (query.publishedBefore() != null) {
            condition = condition.and(ARTICLE.PUBLISHED_AT.lt(bind(slots, query.publishedBefore())));
        }
        return condition;
    }

    private static <V> V bind(Slots slots, V value) {
        return slots == null ? value : slots.of(value);
    }

    /**
     * The article of a row holding {@link #LIST_COLUMNS}, by column name: every read but the two rendered statements.
     * {@code ArticleColumnsTest} checks that it and {@link #toArticle(Row)} make the same article of the same values.
     */
    static Article toArticle(Record r) {
        String imageUrl = r.get(ARTICLE.IMAGE_URL);
        Image image = imageUrl == null
                ? null
                : new Image(
                        imageUrl,
                        r.get(ARTICLE.IMAGE_CAPTION),
                        r.get(ARTICLE.IMAGE_CREDIT),
                        r.get(ARTICLE.IMAGE_ALT),
                        r.get(ARTICLE.IMAGE_WIDTH),
                        r.get(ARTICLE.IMAGE_HEIGHT));
        return new Article(
                r.get(ARTICLE.ID),
                r.get(ARTICLE.SLUG),
                r.get(ARTICLE.HEADLINE),
                r.get(ARTICLE.SUMMARY),
                r.get(ARTICLE.SECTION_ID),
                ArticleStatus.valueOf(r.get(ARTICLE.STATUS)),
                r.get(ARTICLE.PUBLISHED_AT),
                r.get(ARTICLE.UPDATED_AT),
                image,
                r.get(ARTICLE.VERSION));
    }

    /**
     * The article of a row whose first columns are {@link #LIST_COLUMNS}, read by position: a statement rendered once
     * per shape returns fields that jOOQ would otherwise match by name for every value of every row. Only the two
     * rendered statements read articles this way (the statements the benchmarks measure); every other read maps
     * columns by name ({@link #toArticle(Record)}).
     */
    static Article toArticle(Row r) {
        String imageUrl = r.getString(8);
        Image image = imageUrl == null
                ? null
                : new Image(
                        imageUrl, r.getString(9), r.getString(10), r.getString(11), r.getInteger(12), r.getInteger(13));
        return new Article(
                r.getLong(0),
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getLong(4),
                ArticleStatus.valueOf(r.getString(5)),
                r.getOffsetDateTime(6),
                r.getOffsetDateTime(7),
                image,
                r.getInteger(14));
    }
}
