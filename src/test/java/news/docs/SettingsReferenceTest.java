package news.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/settings.md} is the configuration metadata of the properties records, rendered: it fails while the
 * committed page differs (and says how to refresh it), and while a {@code news.*} setting has no description. With
 * {@code -Dnews.docs.write=true} it writes the page instead.
 */
class SettingsReferenceTest {

    @Test
    void settingsPage_isGeneratedFromTheRecords() throws IOException {
        String generated = SettingsReference.render(SettingsReference.read(SettingsReference.METADATA));
        if (Boolean.getBoolean("news.docs.write")) {
            Files.writeString(SettingsReference.PAGE, generated);
        }
        String committed = Files.exists(SettingsReference.PAGE) ? Files.readString(SettingsReference.PAGE) : "";
        assertThat(committed)
                .as(
                        "docs/settings.md differs from the @ConfigurationProperties records; refresh it with: %s",
                        SettingsReference.REFRESH)
                .isEqualTo(generated);
    }

    @Test
    void everyNewsSetting_hasADescription() {
        List<SettingsReference.Setting> settings = SettingsReference.read(SettingsReference.METADATA);
        assertThat(settings).isNotEmpty();
        assertThat(SettingsReference.withoutDescription(settings))
                .as("settings without description")
                .isEmpty();
    }

    @Test
    void everyNewsSetting_isOnTheSettingsPage() throws IOException {
        List<String> names = SettingsReference.read(SettingsReference.METADATA).stream()
                .map(SettingsReference.Setting::name)
                .toList();
        assertThat(SettingsReference.documented(Files.readString(SettingsReference.PAGE)))
                .as("settings missing from docs/settings.md (refresh it with: %s)", SettingsReference.REFRESH)
                .containsAll(names);
    }

    @Test
    void applicationYml_repeatsNoDefaultOfTheRecords() {
        assertThat(SettingsReference.repeatedDefaults(
                        Path.of("src/main/resources/application.yml"),
                        SettingsReference.read(SettingsReference.METADATA)))
                .as("news.* lines of application.yml that only repeat their record's @DefaultValue")
                .isEmpty();
    }

    @Test
    void aRepeatedDefault_isReported(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, """
                news:
                  edge:
                    lists: 30s
                    articles: 10m
                  analytics:
                    rate-limit:
                      enabled: true
                  security:
                    cors:
                      allowed-methods: [GET, POST, OPTIONS]
                      allowed-origins: []
                """);

        assertThat(SettingsReference.repeatedDefaults(yaml, SettingsReference.read(SettingsReference.METADATA)))
                .containsExactly(
                        "news.edge.lists: 30s",
                        "news.analytics.rate-limit.enabled: true",
                        "news.security.cors.allowed-methods: [GET, POST, OPTIONS]",
                        "news.security.cors.allowed-origins: []");
    }

    @Test
    void aSettingWithoutParamJavadoc_isReported(@TempDir Path dir) throws IOException {
        Path metadata = dir.resolve("metadata.json");
        Files.writeString(metadata, """
                {"groups": [], "properties": [
                  {"name": "news.search.max-concurrent", "type": "java.lang.Integer", "defaultValue": 3,
                   "description": "searches whose statements run at the same time", "sourceType": "news.search.SearchLimits"},
                  {"name": "news.search.statement-timeout", "type": "java.time.Duration", "defaultValue": "5s",
                   "sourceType": "news.search.SearchLimits"},
                  {"name": "spring.not.ours", "type": "java.lang.String"}
                ]}
                """);

        List<SettingsReference.Setting> settings = SettingsReference.read(metadata);

        assertThat(settings)
                .extracting(SettingsReference.Setting::name)
                .containsExactly("news.search.max-concurrent", "news.search.statement-timeout");
        assertThat(SettingsReference.withoutDescription(settings))
                .containsExactly("news.search.statement-timeout (add an @param to news.search.SearchLimits)");
    }

    @Test
    void aSettingMissingFromThePage_isReported(@TempDir Path dir) throws IOException {
        String page = Files.readString(SettingsReference.PAGE);
        String broken = page.lines()
                .filter(line -> !line.startsWith("| `news.edge.purge.attempts` |"))
                .reduce("", (a, b) -> a + b + "\n");

        assertThat(SettingsReference.documented(page)).contains("news.edge.purge.attempts");
        assertThat(SettingsReference.documented(broken)).doesNotContain("news.edge.purge.attempts");
        assertThat(SettingsReference.render(SettingsReference.read(SettingsReference.METADATA)))
                .isNotEqualTo(broken);
    }

    @Test
    void rendering_turnsJavadocIntoMarkdown() {
        assertThat(SettingsReference.description("when true only {@code a|b} run, see {@link news.x.Y#z}\n   and more"))
                .isEqualTo("When true only `a\\|b` run, see `Y#z` and more.");
    }
}
