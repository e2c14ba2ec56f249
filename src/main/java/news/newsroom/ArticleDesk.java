package news.newsroom;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.article.ArticleCatalog;
import news.article.ArticleStatus;
import news.article.BodyBlock;
import news.article.Image;
import news.content.ContentChanged;
import news.graphql.ConflictException;
import news.graphql.GlobalId;
import news.newsroom.ArticleInputs.AddCorrectionInput;
import news.newsroom.ArticleInputs.ArticleVersionInput;
import news.newsroom.ArticleInputs.CreateArticleInput;
import news.newsroom.ArticleInputs.ScheduleArticleInput;
import news.newsroom.ArticleInputs.UpdateArticleInput;
import news.newsroom.NewsroomRepository.ArticleState;
import news.security.Editors;
import news.support.Slugs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The article workflow: drafts are created and edited, then published now or scheduled, unpublished back to draft,
 * or archived. Every change names the version it was based on; a stale version is a CONFLICT and changes nothing.
 */
@Service
class ArticleDesk {

    static final int MAX_SLUG = 200;
    static final int MAX_HEADLINE = 300;
    static final int MAX_SUMMARY = 1000;
    static final int MAX_BLOCKS = 200;
    static final int MAX_BLOCK_TEXT = 10_000;
    static final int MAX_BODY_TEXT = 100_000;
    static final int MAX_REPORTERS = 10;
    static final int MAX_TAGS = 20;
    static final int MAX_CORRECTION = 4000;

    private final Desk desk;

    private final NewsroomRepository repository;

    private final ArticleCatalog articles;

    private final JsonMapper json;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    /**
     * Every write publishes a {@link ContentChanged} inside its transaction; caches on this and the other instances
     * act on it once the transaction has committed, and not at all when it rolls back.
     */
    ArticleDesk(
            Desk desk,
            NewsroomRepository repository,
            ArticleCatalog articles,
            JsonMapper json,
            Clock clock,
            ApplicationEventPublisher events) {
        this.desk = desk;
        this.repository = repository;
        this.articles = articles;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    ArticleResult create(CreateArticleInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            Problems problems = new Problems();
            String headline = problems.requiredText("input.headline", input.headline(), MAX_HEADLINE);
            if (input.section() == null || input.section().isBlank()) {
                problems.add("input.section", "REQUIRED", "'input.section' must name a section.");
            }
            Content content = content(
                    problems,
                    input.summary(),
                    input.body(),
                    input.image(),
                    input.reporters(),
                    input.section(),
                    input.tags());
            String slug = input.slug() != null
                    ? explicitSlug(problems, input.slug(), null)
                    : input.headline() == null ? null : freeSlug(input.headline(), null);
            problems.check();
            long id = repository.insertArticle(content.changes(slug, headline, content.image), editor);
            content.writeLinks(id);
            repository.audit(editor, "CREATE_ARTICLE", "Article", id, 1);
            events.publishEvent(ContentChanged.article(id, false));
            return payload(id);
        });
    }

    ArticleResult update(UpdateArticleInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            ArticleState current = lock(input.id(), input.version());
            Problems problems = new Problems();
            String headline = input.headline() == null
                    ? null
                    : problems.requiredText("input.headline", input.headline(), MAX_HEADLINE);
            if (input.section() != null && input.section().isBlank()) {
                problems.add("input.section", "REQUIRED", "'input.section' must name a section.");
            }
            Content content = content(
                    problems,
                    input.summary(),
                    input.body(),
                    input.image(),
                    input.reporters(),
                    input.section(),
                    input.tags());
            Optional<Image> image = content.image;
            if (Boolean.TRUE.equals(input.removeImage())) {
                if (input.image() != null) {
                    problems.add(
                            "input.removeImage",
                            "CONTRADICTION",
                            "Give either 'input.image' or " + "'input.removeImage', not both.");
                }
                image = Optional.empty();
            }
            String slug = null;
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (input.slug() != null) {
                slug = explicitSlug(problems, input.slug(), current.id());
            } else if (input.headline() != null && !current.wasPublic(now)) {
                // Until first publication the slug follows the headline; afterwards links to it must keep working.
                slug = input.headline().strip().equals(current.headline())
                        ? null
                        : freeSlug(input.headline(), current.id());
            }
            problems.check();
            boolean newSlug = slug != null && !slug.equals(current.slug());
            if (newSlug) {
                if (current.wasPublic(now)) {
                    repository.rememberSlug(current.slug(), current.id());
                }
                repository.forgetSlug(slug, current.id());
            }
            repository.updateArticle(current.id(), content.changes(newSlug ? slug : null, headline, image), editor);
            content.writeLinks(current.id());
            repository.audit(editor, "UPDATE_ARTICLE", "Article", current.id(), current.version() + 1);
            events.publishEvent(ContentChanged.article(current.id(), isPublic(current)));
            return payload(current.id());
        });
    }

    ArticleResult publish(ArticleVersionInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            ArticleState current = lock(input.id(), input.version());
            requireStatus(current, "publish", ArticleStatus.DRAFT, ArticleStatus.SCHEDULED);
            OffsetDateTime now = OffsetDateTime.now(clock);
            return change(
                    editor,
                    "PUBLISH_ARTICLE",
                    current,
                    ArticleChanges.status(
                            ArticleStatus.PUBLISHED, now, current.wasPublic(now) ? current.firstPublishedAt() : now));
        });
    }

    ArticleResult schedule(ScheduleArticleInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            ArticleState current = lock(input.id(), input.version());
            requireStatus(current, "schedule", ArticleStatus.DRAFT, ArticleStatus.SCHEDULED);
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (input.publishAt() == null) {
                Problems.reject("input.publishAt", "REQUIRED", "'input.publishAt' is required.");
            }
            if (!input.publishAt().isAfter(now)) {
                Problems.reject(
                        "input.publishAt",
                        "IN_PAST",
                        "'input.publishAt' must be in the future; to publish " + "now use publishArticle.");
            }
            return change(
                    editor,
                    "SCHEDULE_ARTICLE",
                    current,
                    ArticleChanges.status(
                            ArticleStatus.SCHEDULED,
                            input.publishAt(),
                            current.wasPublic(now) ? current.firstPublishedAt() : input.publishAt()));
        });
    }

    ArticleResult unpublish(ArticleVersionInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            ArticleState current = lock(input.id(), input.version());
            requireStatus(current, "unpublish", ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED);
            OffsetDateTime now = OffsetDateTime.now(clock);
            // A schedule withdrawn before its time leaves the article never published.
            return change(
                    editor,
                    "UNPUBLISH_ARTICLE",
                    current,
                    ArticleChanges.status(
                            ArticleStatus.DRAFT, null, current.wasPublic(now) ? current.firstPublishedAt() : null));
        });
    }

    ArticleResult archive(ArticleVersionInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            ArticleState current = lock(input.id(), input.version());
            requireStatus(current, "archive", ArticleStatus.DRAFT, ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED);
            return change(editor, "ARCHIVE_ARTICLE", current, ArticleChanges.status(ArticleStatus.ARCHIVED));
        });
    }

    ArticleResult addCorrection(AddCorrectionInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            ArticleState current = lock(input.id(), null);
            ArticleStatus status = current.effectiveStatus(OffsetDateTime.now(clock));
            if (status != ArticleStatus.PUBLISHED) {
                Problems.reject(
                        "input.id",
                        "INVALID_STATE",
                        "Corrections are for published articles; this one is " + status + ". Edit it instead.");
            }
            Problems problems = new Problems();
            problems.text("input.text", input.text(), MAX_CORRECTION);
            problems.check();
            repository.addCorrection(current.id(), input.text().strip(), editor);
            repository.audit(editor, "ADD_CORRECTION", "Article", current.id(), current.version());
            events.publishEvent(ContentChanged.article(current.id(), true));
            return payload(current.id());
        });
    }

    private ArticleResult change(String editor, String action, ArticleState current, ArticleChanges changes) {
        repository.updateArticle(current.id(), changes, editor);
        repository.audit(editor, action, "Article", current.id(), current.version() + 1);
        boolean publicAfter = changes.status() == ArticleStatus.PUBLISHED;
        events.publishEvent(ContentChanged.article(current.id(), isPublic(current) || publicAfter));
        return payload(current.id());
    }

    private boolean isPublic(ArticleState article) {
        return article.effectiveStatus(OffsetDateTime.now(clock)) == ArticleStatus.PUBLISHED;
    }

    private ArticlePayload payload(long id) {
        return new ArticlePayload(articles.anyById(id).orElseThrow());
    }

    /**
     * Locks the article named by {@code id}; an unknown id is a field error, a {@code version} other than the stored
     * one a CONFLICT (null skips the check, for appending corrections).
     */
    private ArticleState lock(String id, Integer version) {
        long key = GlobalId.decode(id, "Article", "input.id");
        ArticleState current = repository.lockArticle(key).orElse(null);
        if (current == null) {
            Problems.reject("input.id", "NOT_FOUND", "No article has this id.");
        }
        if (version != null && version != current.version()) {
            throw new ConflictException(
                    "input.version",
                    "The article was changed by someone else since version "
                            + version + "; it is now at version " + current.version()
                            + ". Reload it and apply your changes again.");
        }
        return current;
    }

    /** Refuses the action unless the article's status as readers see it is one of {@code allowed}. */
    private void requireStatus(ArticleState current, String action, ArticleStatus... allowed) {
        ArticleStatus status = current.effectiveStatus(OffsetDateTime.now(clock));
        if (!List.of(allowed).contains(status)) {
            Problems.reject("input.id", "INVALID_STATE", "Cannot " + action + " an article that is " + status + ".");
        }
    }

    private String explicitSlug(Problems problems, String slug, Long articleId) {
        if (!FreeSlugs.valid(problems, "input.slug", slug, MAX_SLUG)) {
            return null;
        }
        if (repository.articleSlugTaken(slug, articleId)) {
            problems.add("input.slug", "SLUG_TAKEN", "'input.slug' is already used by another article.");
            return null;
        }
        return slug;
    }

    private String freeSlug(String headline, Long articleId) {
        String base = FreeSlugs.base(headline, MAX_SLUG, "artikel");
        return FreeSlugs.firstFree(base, repository.articleSlugsLike(base, articleId)::contains);
    }

    /**
     * Validates the content fields that were given; bylines, tags and section are resolved here and the links
     * written by {@link Content#writeLinks} once the article row exists.
     */
    private Content content(
            Problems problems,
            String summary,
            List<BodyBlock> body,
            Image image,
            List<String> reporters,
            String section,
            List<String> tags) {
        Optional<String> summaryText = problems.clearableText("input.summary", summary, MAX_SUMMARY);
        String bodyJson = body != null && body(problems, body) ? json.writeValueAsString(body) : null;
        Optional<Image> newImage = image != null && image(problems, image)
                ? Optional.of(new Image(
                        image.url().strip(),
                        image.caption(),
                        image.credit(),
                        image.alt(),
                        image.width(),
                        image.height()))
                : null;
        Long sectionId = null;
        if (section != null && !section.isBlank()) {
            sectionId = repository.sectionId(section).orElse(null);
            if (sectionId == null) {
                problems.add("input.section", "UNKNOWN_SECTION", "No section has the slug '" + section + "'.");
            }
        }
        List<Long> reporterIds = reporters == null ? null : reporters(problems, reporters);
        Map<String, String> tagNames = tags == null ? null : tags(problems, tags);
        return new Content(summaryText, bodyJson, newImage, sectionId, reporterIds, tagNames);
    }

    private boolean body(Problems problems, List<BodyBlock> body) {
        boolean ok = true;
        if (body.size() > MAX_BLOCKS) {
            problems.add(
                    "input.body",
                    "TOO_LONG",
                    "'input.body' may have at most " + MAX_BLOCKS + " blocks, had " + body.size() + ".");
            return false;
        }
        long total = 0;
        for (int i = 0; i < body.size(); i++) {
            BodyBlock block = body.get(i);
            String field = "input.body[" + i + "]";
            ok &= problems.text(field + ".text", block.text(), MAX_BLOCK_TEXT);
            if (block.speaker() != null && block.type() != BodyBlock.Type.QUOTE) {
                problems.add(field + ".speaker", "NOT_ALLOWED", "Only QUOTE blocks have a speaker.");
                ok = false;
            }
            ok &= problems.optionalText(field + ".speaker", block.speaker(), 300);
            total += block.text() == null ? 0 : block.text().length();
        }
        if (total > MAX_BODY_TEXT) {
            problems.add(
                    "input.body",
                    "TOO_LONG",
                    "The body must be at most " + MAX_BODY_TEXT + " characters in all, was " + total + ".");
            ok = false;
        }
        return ok;
    }

    private static boolean image(Problems problems, Image image) {
        boolean ok =
                problems.text("input.image.url", image.url(), 1000) && problems.url("input.image.url", image.url());
        ok &= problems.optionalText("input.image.caption", image.caption(), 1000);
        ok &= problems.optionalText("input.image.credit", image.credit(), 300);
        ok &= problems.optionalText("input.image.alt", image.alt(), 1000);
        for (var size : List.of(
                Map.entry("width", image.width() == null ? 1 : image.width()),
                Map.entry("height", image.height() == null ? 1 : image.height()))) {
            if (size.getValue() < 1 || size.getValue() > 20_000) {
                problems.add(
                        "input.image." + size.getKey(),
                        "OUT_OF_RANGE",
                        "'input.image." + size.getKey() + "' must be between 1 and 20000 pixels.");
                ok = false;
            }
        }
        return ok;
    }

    private List<Long> reporters(Problems problems, List<String> slugs) {
        if (slugs.size() > MAX_REPORTERS) {
            problems.add("input.reporters", "TOO_LONG", "At most " + MAX_REPORTERS + " reporters per article.");
            return List.of();
        }
        Map<String, Long> ids = repository.reporterIds(slugs);
        List<Long> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < slugs.size(); i++) {
            String slug = slugs.get(i);
            String field = "input.reporters[" + i + "]";
            if (!seen.add(slug)) {
                problems.add(field, "DUPLICATE", "Reporter '" + slug + "' is listed twice.");
            } else if (!ids.containsKey(slug)) {
                problems.add(field, "UNKNOWN_REPORTER", "No reporter has the slug '" + slug + "'.");
            } else {
                result.add(ids.get(slug));
            }
        }
        return result;
    }

    /** Tag slug to display name; the same tag given twice (by any spelling with the same slug) counts once. */
    private static Map<String, String> tags(Problems problems, List<String> names) {
        if (names.size() > MAX_TAGS) {
            problems.add("input.tags", "TOO_LONG", "At most " + MAX_TAGS + " tags per article.");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String field = "input.tags[" + i + "]";
            String name = names.get(i);
            if (!problems.text(field, name, 200)) {
                continue;
            }
            String slug = Slugs.of(name, 100);
            if (slug.isEmpty()) {
                problems.add(field, "INVALID_TAG", "Tag '" + name + "' has no letters or digits to name it by.");
                continue;
            }
            result.putIfAbsent(slug, name.strip());
        }
        return result;
    }

    /** The checked content fields of an input; null parts are left unchanged. */
    private final class Content {

        private final Optional<String> summary;

        private final String bodyJson;

        private final Optional<Image> image;

        private final Long sectionId;

        private final List<Long> reporterIds;

        private final Map<String, String> tagNames;

        Content(
                Optional<String> summary,
                String bodyJson,
                Optional<Image> image,
                Long sectionId,
                List<Long> reporterIds,
                Map<String, String> tagNames) {
            this.summary = summary;
            this.bodyJson = bodyJson;
            this.image = image;
            this.sectionId = sectionId;
            this.reporterIds = reporterIds;
            this.tagNames = tagNames;
        }

        ArticleChanges changes(String slug, String headline, Optional<Image> image) {
            return new ArticleChanges(slug, headline, summary, bodyJson, sectionId, image, null, null, null);
        }

        void writeLinks(long articleId) {
            if (reporterIds != null) {
                repository.replaceReporters(articleId, reporterIds);
            }
            if (tagNames != null) {
                repository.replaceTags(articleId, repository.tagIds(tagNames));
            }
        }
    }
}
