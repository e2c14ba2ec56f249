package news.analytics.ingest;

import java.util.List;
import java.util.Locale;
import news.analytics.AnalyticsProperties;

/**
 * Where a view came from, from its referrer and {@code utm_*} parameters: a category (the rules are those of
 * {@link AnalyticsProperties.Sources}) and the referring host, normalised (lowercased, without {@code www.}, port,
 * path or query) and kept only for referrers outside the site. The full referrer is never kept.
 */
final class TrafficSources {

    /** The categories, as stored in {@code article_sources_hourly.category}. */
    static final List<String> CATEGORIES =
            List.of("internal", "search", "social", "newsletter", "campaign", "direct", "other");

    /** The host under which a flush counts the views of an article's less frequent hosts. */
    static final String OTHER_HOST = "(other)";

    /** A view's source: its category, and the referring host outside the site (null when none). */
    record Source(String category, String host) {}

    /**
     * The authority of an http(s) URL, or of a scheme-relative one ({@code //host/...}); other schemes (an app's
     * {@code android-app://package}) name no web host.
     */
    private static final java.util.regex.Pattern AUTHORITY =
            java.util.regex.Pattern.compile("^(?:[hH][tT][tT][pP][sS]?:)?//([^/?#\\\\]*)");

    private final List<String> internal;

    private final List<String> search;

    private final List<String> social;

    private final List<String> webmail;

    TrafficSources(AnalyticsProperties.Sources settings) {
        this.internal = normalised(settings.internalHosts());
        this.search = normalised(settings.searchHosts());
        this.social = normalised(settings.socialHosts());
        this.webmail = normalised(settings.newsletterHosts());
    }

    /**
     * The source of a view sent to {@code ownHost} (the service's host, itself internal; may be null) with the given
     * referrer and {@code utm_*} values (each may be null).
     */
    Source classify(String referrer, String utmSource, String utmMedium, String utmCampaign, String ownHost) {
        String host = host(referrer);
        String own = host(ownHost == null ? null : "//" + ownHost);
        boolean isInternal = host != null && (host.equals(own) || matches(host, internal));
        String external = host == null || isInternal ? null : host;
        String medium = lower(utmMedium);
        String source = lower(utmSource);
        if (medium.equals("email")
                || medium.equals("e-mail")
                || medium.equals("newsletter")
                || source.contains("newsletter")
                || (external != null && matches(external, webmail))) {
            return new Source("newsletter", external);
        }
        if (!medium.isEmpty() || !source.isEmpty() || !lower(utmCampaign).isEmpty()) {
            return new Source("campaign", external);
        }
        if (referrer == null || referrer.isBlank()) {
            return new Source("direct", null);
        }
        if (isInternal) {
            return new Source("internal", null);
        }
        if (external != null && matches(external, search)) {
            return new Source("search", external);
        }
        if (external != null && matches(external, social)) {
            return new Source("social", external);
        }
        return new Source("other", external);
    }

    /**
     * The normalised host of a referrer: lowercased, without a leading {@code www.}, a port or a trailing dot; null
     * when it has none (not a URL, or a URL without a host) or the host holds characters no host name has.
     */
    static String host(String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        java.util.regex.Matcher m = AUTHORITY.matcher(referrer.strip());
        if (!m.find()) {
            return null;
        }
        String host = m.group(1);
        host = host.substring(host.lastIndexOf('@') + 1);
        int port = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
        if (port > 0) {
            host = host.substring(0, port);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (host.isEmpty() || host.length() > 253 || !host.matches("[a-z0-9._\\-\\[\\]:]+")) {
            return null;
        }
        return host;
    }

    /** Whether a host matches one of the entries (see {@link AnalyticsProperties.Sources}). */
    static boolean matches(String host, List<String> entries) {
        for (String entry : entries) {
            if (entry.endsWith(".")) {
                if (host.startsWith(entry) || host.contains("." + entry)) {
                    return true;
                }
            } else if (host.equals(entry) || host.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> normalised(List<String> entries) {
        return entries.stream()
                .map(e -> e.strip().toLowerCase(Locale.ROOT))
                .map(e -> e.startsWith("www.") ? e.substring(4) : e)
                .filter(e -> !e.isEmpty())
                .toList();
    }

    private static String lower(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
