package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import news.analytics.AnalyticsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The source rules over many referrers and {@code utm_*} values, with the default host lists. */
class TrafficSourcesTest {

    /** The defaults as Spring binds them, plus one internal host. */
    static final AnalyticsProperties.Sources DEFAULTS = new Binder(new MapConfigurationPropertySource(
                    java.util.Map.of("news.analytics.sources.internal-hosts", "berita.example, amp.berita.example")))
            .bind("news.analytics", AnalyticsProperties.class)
            .get()
            .sources();

    final TrafficSources sources = new TrafficSources(DEFAULTS);

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                // no referrer
                "null, direct, null",
                "'', direct, null",
                "'   ', direct, null",
                // the service's own host, and the configured ones (with their subdomains)
                "https://news.test/articles/x, internal, null",
                "http://NEWS.TEST:8080/, internal, null",
                "https://berita.example/, internal, null",
                "https://www.berita.example/a?b=c, internal, null",
                "https://m.berita.example/a, internal, null",
                // search engines, any ending for entries with a trailing dot
                "https://www.google.com/, search, google.com",
                "https://www.google.co.id/search?q=banjir, search, google.co.id",
                "https://news.google.com/stories/abc, search, news.google.com",
                "https://www.bing.com/search?q=x, search, bing.com",
                "https://duckduckgo.com/, search, duckduckgo.com",
                "https://id.search.yahoo.com/search, search, id.search.yahoo.com",
                "https://yandex.ru/search/, search, yandex.ru",
                "https://www.baidu.com/link?url=x, search, baidu.com",
                "https://www.ecosia.org/search?q=x, search, ecosia.org",
                "https://search.brave.com/search?q=x, search, search.brave.com",
                // social networks and messengers
                "https://www.facebook.com/, social, facebook.com",
                "https://m.facebook.com/story.php?id=1, social, m.facebook.com",
                "https://l.facebook.com/l.php?u=x, social, l.facebook.com",
                "https://t.co/AbCdEf, social, t.co",
                "https://twitter.com/someone/status/1, social, twitter.com",
                "https://x.com/someone, social, x.com",
                "https://www.instagram.com/, social, instagram.com",
                "https://www.linkedin.com/feed/, social, linkedin.com",
                "https://lnkd.in/abc, social, lnkd.in",
                "https://old.reddit.com/r/indonesia, social, old.reddit.com",
                "https://www.tiktok.com/@someone, social, tiktok.com",
                "https://www.youtube.com/watch?v=x, social, youtube.com",
                "https://web.whatsapp.com/, social, web.whatsapp.com",
                "https://line.me/R/msg, social, line.me",
                "https://t.me/channel, social, t.me",
                "https://id.pinterest.com/pin/1, social, id.pinterest.com",
                // look-alikes are not what they resemble
                "https://notx.com/, other, notx.com",
                "https://googleusercontent.example/, other, googleusercontent.example",
                "https://mygoogle.com/, other, mygoogle.com",
                "https://t.com/, other, t.com",
                "https://berita.example.evil.test/, other, berita.example.evil.test",
                // webmail: newsletter
                "https://mail.google.com/mail/u/0/, newsletter, mail.google.com",
                "https://outlook.live.com/mail/0/, newsletter, outlook.live.com",
                // anything else, and referrers that are not URLs
                "https://kompas.example/berita/1, other, kompas.example",
                "https://user:pw@Blog.Example:8443/p?q=1#f, other, blog.example",
                "https://WWW.Example.ORG./x, other, example.org",
                "android-app://com.google.android.gm/, other, null",
                "not a url, other, null",
                "about:blank, other, null",
                "https://exa mple.com/, other, null",
            })
    void referrersWithoutUtm(String referrer, String category, String host) {
        assertThat(sources.classify(referrer, null, null, null, "news.test"))
                .isEqualTo(new TrafficSources.Source(category, host));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, null, email, null, newsletter",
                "null, null, Email, null, newsletter",
                "null, null, e-mail, null, newsletter",
                "null, null, newsletter, null, newsletter",
                "null, harian-newsletter, null, null, newsletter",
                "https://www.google.com/, null, email, null, newsletter",
                "null, null, cpc, null, campaign",
                "null, facebook, null, null, campaign",
                "null, null, null, ramadan, campaign",
                "https://www.facebook.com/, facebook, social, ramadan, campaign",
                "https://news.test/, null, null, promo, campaign",
                "null, '', '  ', '', direct",
            })
    void utmValuesComeFirst(String referrer, String source, String medium, String campaign, String category) {
        assertThat(sources.classify(referrer, source, medium, campaign, "news.test")
                        .category())
                .isEqualTo(category);
    }

    @Test
    void hostsOfTheSiteAreNeverKept_andCampaignViewsKeepTheirExternalHost() {
        assertThat(sources.classify("https://news.test/a", null, null, "promo", "news.test")
                        .host())
                .isNull();
        assertThat(sources.classify("https://www.facebook.com/", null, "social", "promo", "news.test")
                        .host())
                .isEqualTo("facebook.com");
        assertThat(sources.classify("https://news.test/a", null, null, null, null)
                        .category())
                .isEqualTo("other");
    }

    @Test
    void defaultsAndCategories() {
        assertThat(DEFAULTS.searchHosts()).contains("google.", "bing.com", "duckduckgo.com");
        assertThat(DEFAULTS.maxHostsPerArticle()).isEqualTo(20);
        assertThat(TrafficSources.CATEGORIES)
                .containsExactlyInAnyOrderElementsOf(
                        List.of("internal", "search", "social", "newsletter", "campaign", "direct", "other"));
    }
}
