package news.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and {@code docs/} stay true to each other and to the settings: no relative link or {@code #anchor}
 * points nowhere, and every {@code news.*} setting named there or in {@code application.yml} is in the settings
 * reference. The checks are also fed broken copies, to show that they fail.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");

    private static Set<String> documented() {
        return SettingsReference.documented(DocsChecks.read(SettingsReference.PAGE));
    }

    @Test
    void readmeAndDocs_haveNoBrokenLinks() {
        assertThat(Markdown.pages(ROOT)).containsKey(Path.of("README.md"));
        assertThat(DocsChecks.brokenLinks(ROOT)).as("broken links").isEmpty();
    }

    @Test
    void readmeAndDocs_nameOnlyDocumentedSettings() {
        assertThat(documented()).isNotEmpty();
        assertThat(DocsChecks.undocumentedSettings(ROOT, documented()))
                .as("news.* settings missing from docs/settings.md")
                .isEmpty();
    }

    @Test
    void applicationYml_setsOnlyDocumentedSettings() {
        assertThat(DocsChecks.undocumentedInYaml(APPLICATION_YML, documented()))
                .as("news.* settings in application.yml missing from docs/settings.md")
                .isEmpty();
    }

    /**
     * The sections the README had on 2026-11-29, before a commit that updated benchmark figures deleted eight of them
     * unnoticed. Each still exists, in the README or a page of {@code docs/}.
     */
    @Test
    void everySectionTheReadmeOnceHad_stillExists() {
        List<String> sections = List.of(
                "two-commands",
                "a-first-query",
                "api-rules",
                "editors-writing-and-publishing",
                "tokens-in-production",
                "security",
                "popularity-views-rankings-dashboards",
                "the-editors-dashboard",
                "subscriptions",
                "changes-reach-every-instance",
                "search-and-related-articles",
                "performance-benchmark",
                "what-was-measured",
                "your-own-postgresql",
                "when-postgresql-is-down",
                "the-public-edge-get-cdn-caching-persisted-queries",
                "caching-headers-what-a-cdn-honours",
                "response-cache-at-the-origin",
                "purges",
                "persisted-queries-and-trusted-documents",
                "get-with-a-warm-304-versus-post-measured",
                "2026-11-29-to-30-engine-changes-since-the-first-measurements",
                "2026-11-30-cost-growth-10000-against-1000000-articles",
                "engine-changes-since-the-first-measurements",
                "cost-growth-10000-against-1000000-articles",
                "metrics",
                "settings",
                "layout");
        Set<String> anchors = new java.util.HashSet<>();
        Markdown.pages(ROOT).values().forEach(page -> anchors.addAll(Markdown.anchors(page)));
        assertThat(anchors).containsAll(sections);
    }

    @Test
    void slugs_followGitHub() {
        assertThat(Markdown.slug("The public edge: GET, CDN caching, persisted queries"))
                .isEqualTo("the-public-edge-get-cdn-caching-persisted-queries");
        assertThat(Markdown.slug("Caching headers (what a CDN honours)"))
                .isEqualTo("caching-headers-what-a-cdn-honours");
        assertThat(Markdown.slug("`news.edge`")).isEqualTo("newsedge");
        assertThat(Markdown.slug("Editors: writing and publishing")).isEqualTo("editors-writing-and-publishing");
        assertThat(Markdown.anchors("# A\n## B\n```\n# not a heading\n```\n## B\n"))
                .containsExactly("a", "b", "b-1");
    }

    @Test
    void aDeletedSection_breaksTheLinksToIt(@TempDir Path copy) throws IOException {
        copyPages(copy);
        // Some page links to a heading of another page; delete that heading from the copy.
        Map.Entry<Path, String> from = null;
        Markdown.Link link = null;
        for (Map.Entry<Path, String> page : Markdown.pages(copy).entrySet()) {
            for (Markdown.Link candidate : Markdown.links(page.getValue())) {
                if (candidate.target().matches("[\\w./-]+\\.md#[\\w-]+")) {
                    from = page;
                    link = candidate;
                    break;
                }
            }
            if (link != null) {
                break;
            }
        }
        assertThat(link).as("a link to a section of another page").isNotNull();
        String file = link.target().substring(0, link.target().indexOf('#'));
        String anchor = link.target().substring(link.target().indexOf('#') + 1);
        Path target = copy.resolve(from.getKey()).getParent() == null
                ? copy.resolve(file)
                : copy.resolve(from.getKey()).getParent().resolve(file);
        String text = Files.readString(target);
        String kept = text.lines()
                .filter(line -> !(line.startsWith("#")
                        && Markdown.slug(line.replaceFirst("^#+\\s*", "")).equals(anchor)))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(kept).isNotEqualTo(text);
        Files.writeString(target, kept);

        String broken = link.target();
        assertThat(DocsChecks.brokenLinks(copy))
                .anySatisfy(message -> assertThat(message).contains(broken).contains("no heading"));
    }

    @Test
    void aDeletedPage_breaksTheLinksToIt(@TempDir Path copy) throws IOException {
        copyPages(copy);
        Files.delete(copy.resolve("docs/edge.md"));

        assertThat(DocsChecks.brokenLinks(copy))
                .anySatisfy(message -> assertThat(message).contains("edge.md").contains("no such file"));
    }

    @Test
    void aWrongAnchorInTheReadme_isReported(@TempDir Path copy) throws IOException {
        copyPages(copy);
        Path readme = copy.resolve("README.md");
        Files.writeString(
                readme,
                Files.readString(readme) + "\nSee [the edge](#the-public-edge-get-cdn-caching-persisted-queries).\n");

        assertThat(DocsChecks.brokenLinks(copy))
                .anySatisfy(message -> assertThat(message)
                        .startsWith("README.md:")
                        .contains("#the-public-edge-get-cdn-caching-persisted-queries"));
    }

    @Test
    void anUndocumentedSetting_isReported(@TempDir Path copy) throws IOException {
        copyPages(copy);
        Path operations = copy.resolve("docs/operations.md");
        Files.writeString(
                operations,
                Files.readString(operations)
                        + "\nRaise `news.edge.purge.flavour` (or `NEWS_SEARCH_FLAVOUR`) when purges queue.\n"
                        + "Classes and metrics are no settings: `news.edge.ResponseCache`, `news.views`.\n");

        assertThat(DocsChecks.undocumentedSettings(copy, documented()))
                .containsExactly(
                        "docs/operations.md:" + lineOf(operations, "news.edge.purge.flavour")
                                + ": news.edge.purge.flavour",
                        "docs/operations.md:" + lineOf(operations, "news.edge.purge.flavour")
                                + ": NEWS_SEARCH_FLAVOUR");
    }

    @Test
    void anUndocumentedSettingInYaml_isReported(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, """
                spring:
                  application:
                    name: news-graphql
                news:
                  edge:
                    lists: 1m
                    purge:
                      concurency: 4
                  security:
                    cors:
                      allowed-origins: [https://www.example.id]
                """);

        assertThat(DocsChecks.undocumentedInYaml(yaml, documented())).containsExactly("news.edge.purge.concurency");
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The README, docs/ and everything they may link to, as they are now. */
    private static void copyPages(Path copy) throws IOException {
        Pattern target = Pattern.compile("\\]\\(([^)#\\s]+)");
        for (Map.Entry<Path, String> page : Markdown.pages(ROOT).entrySet()) {
            Path to = copy.resolve(page.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, page.getValue());
            // Files the pages link to (sources, scripts, images) are copied as empty placeholders.
            Matcher link = target.matcher(page.getValue());
            while (link.find()) {
                if (Markdown.external(link.group(1))) {
                    continue;
                }
                Path linked = ROOT.resolve(page.getKey()).getParent() == null
                        ? ROOT.resolve(link.group(1))
                        : ROOT.resolve(page.getKey()).getParent().resolve(link.group(1));
                Path placed = copy.resolve(ROOT.relativize(linked.normalize()));
                if (Files.exists(linked) && !Files.exists(placed) && placed.startsWith(copy)) {
                    Files.createDirectories(placed.getParent());
                    if (Files.isDirectory(linked)) {
                        Files.createDirectories(placed);
                    } else {
                        Files.writeString(placed, "");
                    }
                }
            }
        }
    }
}
