package news.newsroom;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_CORRECTION;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_SLUG_HISTORY;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.NEWSROOM_AUDIT;
import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;
import static news.db.Tables.TAG;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.article.ArticleStatus;
import news.article.Image;
import news.reporter.Reporter;
import news.reporter.ReporterRepository;
import news.section.Section;
import news.section.SectionRepository;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

/** SQL for the newsroom's writes. Callers run it inside one transaction per mutation. */
@Repository
class NewsroomRepository {

    private final DSLContext dsl;

    NewsroomRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The state of an article that the workflow needs, read with a row lock held until the transaction ends. */
    record ArticleState(
            long id,
            String slug,
            String headline,
            String status,
            int version,
            OffsetDateTime publishedAt,
            OffsetDateTime firstPublishedAt) {

        /** Whether the article has ever been public: from then on its slug stays unless an editor changes it. */
        boolean wasPublic(OffsetDateTime now) {
            return firstPublishedAt != null && !firstPublishedAt.isAfter(now);
        }

        /** The status as readers experience it: a scheduled article whose time has come is published. */
        ArticleStatus effectiveStatus(OffsetDateTime now) {
            ArticleStatus stored = ArticleStatus.valueOf(status);
            return stored == ArticleStatus.SCHEDULED && !publishedAt.isAfter(now) ? ArticleStatus.PUBLISHED : stored;
        }
    }

    Optional<ArticleState> lockArticle(long id) {
        return dsl.select(
                        ARTICLE.ID,
                        ARTICLE.SLUG,
                        ARTICLE.HEADLINE,
                        ARTICLE.STATUS,
                        ARTICLE.VERSION,
                        ARTICLE.PUBLISHED_AT,
                        ARTICLE.FIRST_PUBLISHED_AT)
                .from(ARTICLE)
                .where(ARTICLE.ID.eq(id))
                .forUpdate()
                .fetchOptional(Records.mapping(ArticleState::new));
    }

    Optional<Long> sectionId(String slug) {
        return dsl.select(SECTION.ID).from(SECTION).where(SECTION.SLUG.eq(slug)).fetchOptional(SECTION.ID);
    }

    Map<String, Long> reporterIds(Collection<String> slugs) {
        return dsl.select(REPORTER.SLUG, REPORTER.ID)
                .from(REPORTER)
                .where(REPORTER.SLUG.in(slugs))
                .fetchMap(REPORTER.SLUG, REPORTER.ID);
    }

    /** Whether {@code slug} names an article other than {@code articleId}, as its slug or a former one. */
    boolean articleSlugTaken(String slug, Long articleId) {
        Long except = articleId == null ? -1L : articleId;
        return dsl.fetchExists(ARTICLE, ARTICLE.SLUG.eq(slug).and(ARTICLE.ID.ne(except)))
                || dsl.fetchExists(
                        ARTICLE_SLUG_HISTORY,
                        ARTICLE_SLUG_HISTORY.SLUG.eq(slug).and(ARTICLE_SLUG_HISTORY.ARTICLE_ID.ne(except)));
    }

    /** Slugs in use (current or former, by another article) that are {@code base} or {@code base-<n>}. */
    Set<String> articleSlugsLike(String base, Long articleId) {
        Long except = articleId == null ? -1L : articleId;
        String pattern = FreeSlugs.family(base);
        Set<String> taken = new HashSet<>(dsl.select(ARTICLE.SLUG)
                .from(ARTICLE)
                .where(ARTICLE.SLUG.likeRegex(pattern).and(ARTICLE.ID.ne(except)))
                .fetch(ARTICLE.SLUG));
        taken.addAll(dsl.select(ARTICLE_SLUG_HISTORY.SLUG)
                .from(ARTICLE_SLUG_HISTORY)
                .where(ARTICLE_SLUG_HISTORY.SLUG.likeRegex(pattern).and(ARTICLE_SLUG_HISTORY.ARTICLE_ID.ne(except)))
                .fetch(ARTICLE_SLUG_HISTORY.SLUG));
        return taken;
    }

    long insertArticle(ArticleChanges changes, String editor) {
        return dsl.insertInto(ARTICLE)
                .set(columns(changes))
                .set(ARTICLE.STATUS, "DRAFT")
                .set(ARTICLE.CREATED_BY, editor)
                .set(ARTICLE.UPDATED_BY, editor)
                .returning(ARTICLE.ID)
                .fetchOne(ARTICLE.ID);
    }

    /** Writes {@code changes}, bumps the version and stamps who and when. */
    void updateArticle(long id, ArticleChanges changes, String editor) {
        dsl.update(ARTICLE)
                .set(columns(changes))
                .set(ARTICLE.VERSION, ARTICLE.VERSION.plus(1))
                .set(ARTICLE.UPDATED_AT, currentOffsetDateTime())
                .set(ARTICLE.UPDATED_BY, editor)
                .where(ARTICLE.ID.eq(id))
                .execute();
    }

    void replaceReporters(long articleId, List<Long> reporterIds) {
        dsl.deleteFrom(ARTICLE_REPORTER)
                .where(ARTICLE_REPORTER.ARTICLE_ID.eq(articleId))
                .execute();
        for (int i = 0; i < reporterIds.size(); i++) {
            dsl.insertInto(ARTICLE_REPORTER)
                    .set(ARTICLE_REPORTER.ARTICLE_ID, articleId)
                    .set(ARTICLE_REPORTER.REPORTER_ID, reporterIds.get(i))
                    .set(ARTICLE_REPORTER.POSITION, i)
                    .execute();
        }
    }

    void replaceTags(long articleId, Collection<Long> tagIds) {
        dsl.deleteFrom(ARTICLE_TAG).where(ARTICLE_TAG.ARTICLE_ID.eq(articleId)).execute();
        for (Long tagId : tagIds) {
            dsl.insertInto(ARTICLE_TAG)
                    .set(ARTICLE_TAG.ARTICLE_ID, articleId)
                    .set(ARTICLE_TAG.TAG_ID, tagId)
                    .execute();
        }
    }

    /** Ids of the tags with these slugs (slug to display name), creating those that do not exist yet. */
    List<Long> tagIds(Map<String, String> namesBySlug) {
        if (namesBySlug.isEmpty()) {
            return List.of();
        }
        for (Map.Entry<String, String> tag : namesBySlug.entrySet()) {
            dsl.insertInto(TAG)
                    .set(TAG.SLUG, tag.getKey())
                    .set(TAG.NAME, tag.getValue())
                    .onConflict(TAG.SLUG)
                    .doNothing()
                    .execute();
        }
        Map<String, Long> ids = dsl.select(TAG.SLUG, TAG.ID)
                .from(TAG)
                .where(TAG.SLUG.in(namesBySlug.keySet()))
                .fetchMap(TAG.SLUG, TAG.ID);
        List<Long> result = new ArrayList<>();
        namesBySlug.keySet().forEach(slug -> result.add(ids.get(slug)));
        return result;
    }

    /** Keeps a former public slug resolving to its article. */
    void rememberSlug(String slug, long articleId) {
        dsl.insertInto(ARTICLE_SLUG_HISTORY)
                .set(ARTICLE_SLUG_HISTORY.SLUG, slug)
                .set(ARTICLE_SLUG_HISTORY.ARTICLE_ID, articleId)
                .onConflict(ARTICLE_SLUG_HISTORY.SLUG)
                .doUpdate()
                .set(ARTICLE_SLUG_HISTORY.ARTICLE_ID, articleId)
                .set(ARTICLE_SLUG_HISTORY.REPLACED_AT, currentOffsetDateTime())
                .execute();
    }

    /** An article taking back one of its former slugs: it is current again, no longer history. */
    void forgetSlug(String slug, long articleId) {
        dsl.deleteFrom(ARTICLE_SLUG_HISTORY)
                .where(ARTICLE_SLUG_HISTORY.SLUG.eq(slug).and(ARTICLE_SLUG_HISTORY.ARTICLE_ID.eq(articleId)))
                .execute();
    }

    void addCorrection(long articleId, String text, String editor) {
        dsl.insertInto(ARTICLE_CORRECTION)
                .set(ARTICLE_CORRECTION.ARTICLE_ID, articleId)
                .set(ARTICLE_CORRECTION.TEXT, text)
                .set(ARTICLE_CORRECTION.AUTHOR, editor)
                .execute();
    }

    /** Corrections of the given articles, oldest first. */
    Map<Long, List<Correction>> correctionsOf(Collection<Long> articleIds) {
        Map<Long, List<Correction>> result = new HashMap<>();
        dsl.select(ARTICLE_CORRECTION.ARTICLE_ID, ARTICLE_CORRECTION.CREATED_AT, ARTICLE_CORRECTION.TEXT)
                .from(ARTICLE_CORRECTION)
                .where(ARTICLE_CORRECTION.ARTICLE_ID.in(articleIds))
                .orderBy(ARTICLE_CORRECTION.ARTICLE_ID, ARTICLE_CORRECTION.CREATED_AT, ARTICLE_CORRECTION.ID)
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE_CORRECTION.ARTICLE_ID), k -> new ArrayList<>())
                        .add(new Correction(r.get(ARTICLE_CORRECTION.CREATED_AT), r.get(ARTICLE_CORRECTION.TEXT))));
        return result;
    }

    void audit(String editor, String action, String objectType, long objectId, Integer version) {
        dsl.insertInto(NEWSROOM_AUDIT)
                .set(NEWSROOM_AUDIT.ACTOR, editor)
                .set(NEWSROOM_AUDIT.ACTION, action)
                .set(NEWSROOM_AUDIT.OBJECT_TYPE, objectType)
                .set(NEWSROOM_AUDIT.OBJECT_ID, objectId)
                .set(NEWSROOM_AUDIT.VERSION, version)
                .execute();
    }

    // Scheduled articles falling due

    /**
     * Marks PUBLISHED the scheduled articles whose time has come by the database's clock (the clock that decides what
     * readers see) within {@code lookback}, and answers their ids. Readers saw them already; the status only records
     * that their falling due was handled, so each is handled once, by one instance: rows another transaction holds
     * are skipped (and taken by a later check), and a concurrent check finds them PUBLISHED. The version, editor and
     * times stay as they are: it is no editor's change.
     */
    List<Long> publishDue(java.time.Duration lookback) {
        return dsl.update(ARTICLE)
                .set(ARTICLE.STATUS, inline(ArticleStatus.PUBLISHED.name()))
                .where(ARTICLE.STATUS.eq(inline(ArticleStatus.SCHEDULED.name())))
                .and(ARTICLE.ID.in(select(ARTICLE.ID)
                        .from(ARTICLE)
                        .where(ARTICLE.STATUS.eq(inline(ArticleStatus.SCHEDULED.name())))
                        .and(ARTICLE.PUBLISHED_AT.le(currentOffsetDateTime()))
                        .and(condition(
                                "{0} > current_timestamp - make_interval(secs => {1})",
                                ARTICLE.PUBLISHED_AT, inline(Math.max(1, lookback.toSeconds()))))
                        .orderBy(ARTICLE.PUBLISHED_AT, ARTICLE.ID)
                        .limit(1000)
                        .forUpdate()
                        .skipLocked()))
                .returning(ARTICLE.ID)
                .fetch()
                .getValues(ARTICLE.ID);
    }

    // Reporters

    Optional<Reporter> lockReporter(long id) {
        Field<Reporter> reporter = ReporterRepository.columns(REPORTER);
        return dsl.select(reporter)
                .from(REPORTER)
                .where(REPORTER.ID.eq(id))
                .forUpdate()
                .fetchOptional(reporter);
    }

    boolean reporterSlugTaken(String slug, Long reporterId) {
        return dsl.fetchExists(
                REPORTER, REPORTER.SLUG.eq(slug).and(REPORTER.ID.ne(reporterId == null ? -1L : reporterId)));
    }

    Set<String> reporterSlugsLike(String base) {
        return new HashSet<>(dsl.select(REPORTER.SLUG)
                .from(REPORTER)
                .where(REPORTER.SLUG.likeRegex(FreeSlugs.family(base)))
                .fetch(REPORTER.SLUG));
    }

    long insertReporter(ReporterChanges changes) {
        return dsl.insertInto(REPORTER)
                .set(columns(changes))
                .returning(REPORTER.ID)
                .fetchOne(REPORTER.ID);
    }

    void updateReporter(long id, ReporterChanges changes) {
        Map<Field<?>, Object> values = columns(changes);
        if (!values.isEmpty()) {
            dsl.update(REPORTER).set(values).where(REPORTER.ID.eq(id)).execute();
        }
    }

    // Sections

    /**
     * All sections, read under a lock that serializes section writes, so two concurrent moves can never close a
     * cycle that neither saw. Readers are not blocked.
     */
    List<Section> lockSections() {
        dsl.execute("lock table section in share row exclusive mode");
        Field<Section> section = SectionRepository.columns(SECTION);
        return dsl.select(section).from(SECTION).fetch(section);
    }

    long insertSection(SectionChanges changes) {
        return dsl.insertInto(SECTION)
                .set(columns(changes))
                .returning(SECTION.ID)
                .fetchOne(SECTION.ID);
    }

    void updateSection(long id, SectionChanges changes) {
        Map<Field<?>, Object> values = columns(changes);
        if (!values.isEmpty()) {
            dsl.update(SECTION).set(values).where(SECTION.ID.eq(id)).execute();
        }
    }

    Section section(long id) {
        Field<Section> section = SectionRepository.columns(SECTION);
        return dsl.select(section).from(SECTION).where(SECTION.ID.eq(id)).fetchOne(section);
    }

    // Change records to columns: a null component is no column, an empty Optional writes null.

    private static Map<Field<?>, Object> columns(ArticleChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        set(values, ARTICLE.SLUG, changes.slug());
        set(values, ARTICLE.HEADLINE, changes.headline());
        set(values, ARTICLE.SUMMARY, changes.summary());
        set(values, ARTICLE.BODY, changes.bodyJson() == null ? null : JSONB.valueOf(changes.bodyJson()));
        set(values, ARTICLE.SECTION_ID, changes.sectionId());
        if (changes.image() != null) {
            Image image = changes.image().orElse(null);
            values.put(ARTICLE.IMAGE_URL, image == null ? null : image.url());
            values.put(ARTICLE.IMAGE_CAPTION, image == null ? null : image.caption());
            values.put(ARTICLE.IMAGE_CREDIT, image == null ? null : image.credit());
            values.put(ARTICLE.IMAGE_ALT, image == null ? null : image.alt());
            values.put(ARTICLE.IMAGE_WIDTH, image == null ? null : image.width());
            values.put(ARTICLE.IMAGE_HEIGHT, image == null ? null : image.height());
        }
        set(
                values,
                ARTICLE.STATUS,
                changes.status() == null ? null : changes.status().name());
        set(values, ARTICLE.PUBLISHED_AT, changes.publishedAt());
        set(values, ARTICLE.FIRST_PUBLISHED_AT, changes.firstPublishedAt());
        return values;
    }

    private static Map<Field<?>, Object> columns(ReporterChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        set(values, REPORTER.SLUG, changes.slug());
        set(values, REPORTER.NAME, changes.name());
        set(values, REPORTER.BIO, changes.bio());
        set(values, REPORTER.AVATAR_URL, changes.avatarUrl());
        return values;
    }

    private static Map<Field<?>, Object> columns(SectionChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        set(values, SECTION.SLUG, changes.slug());
        set(values, SECTION.NAME, changes.name());
        set(values, SECTION.DESCRIPTION, changes.description());
        set(values, SECTION.PARENT_ID, changes.parentId());
        set(values, SECTION.POSITION, changes.position());
        return values;
    }

    private static <T> void set(Map<Field<?>, Object> values, Field<T> column, T value) {
        if (value != null) {
            values.put(column, value);
        }
    }

    private static <T> void set(Map<Field<?>, Object> values, Field<T> column, Optional<T> value) {
        if (value != null) {
            values.put(column, value.orElse(null));
        }
    }
}
