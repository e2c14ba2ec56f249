package news.analytics.ingest;

import java.util.regex.Pattern;

/**
 * Recognises crawlers, bots, headless browsers and HTTP libraries by their user agent. A request without a user agent
 * is a program too: browsers always send one.
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

    private BotFilter() {}

    static boolean isBot(String userAgent) {
        return userAgent == null
                || userAgent.isBlank()
                || BOT.matcher(userAgent).find();
    }
}
