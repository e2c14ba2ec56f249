package news.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.regex.Pattern;

/**
 * Recognises crawlers, bots, headless browsers and HTTP libraries by their user agent. A request without a user agent
 * is a program too: browsers always send one. Most requests come from a few thousand distinct user agents, so the
 * answer is kept per user agent ({@value #KEPT} of them, the least recently used go first): matching the pattern
 * costs several microseconds a request, the lookup a hash of the string.
 */
final class BotFilter {

    private static final Pattern BOT = Pattern.compile(
            String.join(
                    "|",
                    "bot\\b",
                    "bot/",
                    "bot;",
                    "bot-",
                    "_bot",
                    "crawl",
                    "spider",
                    "slurp",
                    "archiver",
                    "scrapy",
                    "headless",
                    "phantomjs",
                    "selenium",
                    "puppeteer",
                    "playwright",
                    "lighthouse",
                    "pagespeed",
                    "facebookexternalhit",
                    "embedly",
                    "preview",
                    "monitor",
                    "pingdom",
                    "uptime",
                    "curl/",
                    "wget/",
                    "httpie",
                    "python-requests",
                    "python-urllib",
                    "python/",
                    "aiohttp",
                    "httpx",
                    "libwww",
                    "lwp::",
                    "go-http-client",
                    "java/",
                    "okhttp",
                    "apache-httpclient",
                    "jakarta commons",
                    "axios/",
                    "node-fetch",
                    "undici",
                    "got \\(",
                    "ruby",
                    "php/",
                    "guzzle",
                    "postmanruntime",
                    "insomnia",
                    "reactor-netty",
                    "dart:io"),
            Pattern.CASE_INSENSITIVE);

    static final int KEPT = 10_000;

    private static final Cache<String, Boolean> ANSWERS =
            Caffeine.newBuilder().maximumSize(KEPT).build();

    private BotFilter() {}

    static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        // Longer strings than any browser sends are matched every time rather than kept.
        if (userAgent.length() > 512) {
            return BOT.matcher(userAgent).find();
        }
        return ANSWERS.get(userAgent, ua -> BOT.matcher(ua).find());
    }
}
