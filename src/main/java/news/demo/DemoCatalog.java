package news.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import news.support.Slugs;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo content of an Indonesian online newsroom, kept as data in {@value #NEWSROOM} (sections, reporters, the tag
 * vocabulary) and {@value #ARTICLES} (articles with body, lead image and age) on the classpath, so the demo is edited
 * without touching code. All of it is invented text; person names, parties, clubs, companies and regencies are
 * fictional. Article ages are relative; the loader turns them into publish times.
 *
 * <p>Reading checks every reference and slug and names the offending entry, so a mistake in the files stops the
 * start (and the build's tests) with a message instead of loading a half-linked newsroom.
 */
final class DemoCatalog {

    record Section(String slug, String name, String parentSlug /* null for top level */, int position) {}

    record Reporter(String slug, String name, String bio) {}

    enum BlockType {
        PARAGRAPH,
        QUOTE,
        HEADING
    }

    record Block(BlockType type, String text, String speaker /* only for QUOTE, else null */) {}

    record Image(String url, String caption, String credit, String alt, int width, int height) {}

    record Article(
            String slug,
            String headline,
            String summary,
            String sectionSlug,
            List<String> reporterSlugs,
            List<String> tags,
            Duration age,
            List<Block> body,
            Image image,
            boolean hit) {}

    /** The layout of {@value #NEWSROOM}. */
    private record Newsroom(List<Section> sections, List<Reporter> reporters, List<String> tags) {}

    static final String NEWSROOM = "demo/newsroom.json";

    static final String ARTICLES = "demo/articles.json";

    /** The tag slug length the loader uses; two tag names must not share a slug. */
    static final int TAG_SLUG_LENGTH = 100;

    private static final TypeReference<List<Article>> ARTICLE_LIST = new TypeReference<>() {};

    // A misspelt key in a hand-edited file must fail, not silently drop a field (Jackson 3 ignores unknown keys
    // by default).
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<Section> sections;

    private final List<Reporter> reporters;

    private final List<String> tags;

    private final List<Article> articles;

    private DemoCatalog(List<Section> sections, List<Reporter> reporters, List<String> tags, List<Article> articles) {
        this.sections = List.copyOf(sections);
        this.reporters = List.copyOf(reporters);
        this.tags = List.copyOf(tags);
        this.articles = List.copyOf(articles);
    }

    /** Parents before children. */
    List<Section> sections() {
        return sections;
    }

    List<Reporter> reporters() {
        return reporters;
    }

    /** Tag names, in the order they are loaded. */
    List<String> tags() {
        return tags;
    }

    /** Newest first. */
    List<Article> articles() {
        return articles;
    }

    /** Reads the catalog from the classpath; the result is the same on every call. */
    static DemoCatalog load() {
        return read(resource(NEWSROOM), resource(ARTICLES));
    }

    /** Reads and checks a catalog from the text of the two files. */
    static DemoCatalog read(String newsroomJson, String articlesJson) {
        Newsroom newsroom = parse(NEWSROOM, () -> JSON.readValue(newsroomJson, Newsroom.class));
        List<Article> articles = parse(ARTICLES, () -> JSON.readValue(articlesJson, ARTICLE_LIST));
        check(
                newsroom.sections() != null && newsroom.reporters() != null && newsroom.tags() != null,
                "%s: needs sections, reporters and tags",
                NEWSROOM);
        check(articles != null, "%s: needs a list of articles", ARTICLES);
        Set<String> sections = new HashSet<>();
        for (Section s : newsroom.sections()) {
            checkSlug(NEWSROOM, "section", s.slug());
            check(
                    s.parentSlug() == null || sections.contains(s.parentSlug()),
                    "%s: section '%s' names parent '%s', which is not listed before it",
                    NEWSROOM,
                    s.slug(),
                    s.parentSlug());
            check(sections.add(s.slug()), "%s: section slug '%s' is used twice", NEWSROOM, s.slug());
            checkText(NEWSROOM, "section", s.slug(), "name", s.name());
        }
        Set<String> reporters = new HashSet<>();
        for (Reporter r : newsroom.reporters()) {
            checkSlug(NEWSROOM, "reporter", r.slug());
            check(reporters.add(r.slug()), "%s: reporter slug '%s' is used twice", NEWSROOM, r.slug());
            checkText(NEWSROOM, "reporter", r.slug(), "name", r.name());
        }
        Set<String> tagSlugs = new HashSet<>();
        for (String tag : newsroom.tags()) {
            checkText(NEWSROOM, "tag", tag, "name", tag);
            String slug = Slugs.of(tag, TAG_SLUG_LENGTH);
            check(!slug.isEmpty() && tagSlugs.add(slug), "%s: tag '%s' has no slug of its own", NEWSROOM, tag);
        }
        Set<String> slugs = new HashSet<>();
        Set<String> headlines = new HashSet<>();
        for (Article a : articles) {
            checkSlug(ARTICLES, "article", a.slug());
            check(slugs.add(a.slug()), "%s: article slug '%s' is used twice", ARTICLES, a.slug());
            checkText(ARTICLES, "article", a.slug(), "headline", a.headline());
            check(
                    headlines.add(a.headline()),
                    "%s: article '%s' repeats the headline of another article",
                    ARTICLES,
                    a.slug());
            check(
                    sections.contains(a.sectionSlug()),
                    "%s: article '%s' names unknown section '%s'",
                    ARTICLES,
                    a.slug(),
                    a.sectionSlug());
            check(
                    a.reporterSlugs() != null && !a.reporterSlugs().isEmpty(),
                    "%s: article '%s' has no reporter",
                    ARTICLES,
                    a.slug());
            for (String reporter : a.reporterSlugs()) {
                check(
                        reporters.contains(reporter),
                        "%s: article '%s' names unknown reporter '%s'",
                        ARTICLES,
                        a.slug(),
                        reporter);
            }
            check(a.tags() != null, "%s: article '%s' has no tags list", ARTICLES, a.slug());
            for (String tag : a.tags()) {
                check(
                        newsroom.tags().contains(tag),
                        "%s: article '%s' names tag '%s', which %s does not list",
                        ARTICLES,
                        a.slug(),
                        tag,
                        NEWSROOM);
            }
            check(
                    a.age() != null && !a.age().isNegative() && !a.age().isZero(),
                    "%s: article '%s' needs a positive age",
                    ARTICLES,
                    a.slug());
            check(a.image() != null, "%s: article '%s' has no image", ARTICLES, a.slug());
            check(a.body() != null && !a.body().isEmpty(), "%s: article '%s' has no body", ARTICLES, a.slug());
            for (Block b : a.body()) {
                check(b.type() != null, "%s: article '%s' has a body block without type", ARTICLES, a.slug());
                checkText(ARTICLES, "article", a.slug(), "body " + b.type(), b.text());
            }
        }
        return new DemoCatalog(newsroom.sections(), newsroom.reporters(), newsroom.tags(), articles);
    }

    private static String resource(String name) {
        try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Demo content " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo content " + name, e);
        }
    }

    private static <T> T parse(String file, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": " + e.getOriginalMessage() + " at " + e.getLocation(), e);
        }
    }

    /** A slug is well formed when {@link Slugs} leaves it as it is. */
    private static void checkSlug(String file, String kind, String slug) {
        check(
                slug != null && !slug.isEmpty() && Slugs.of(slug, slug.length()).equals(slug),
                "%s: %s slug '%s' is not lower-case letters and digits joined by single hyphens",
                file,
                kind,
                slug);
    }

    private static void checkText(String file, String kind, String key, String field, String text) {
        check(text != null && !text.isBlank(), "%s: %s '%s' has an empty %s", file, kind, key, field);
    }

    private static void check(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalStateException(message.formatted(args));
        }
    }
}
