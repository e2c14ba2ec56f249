package news.reader;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import news.edge.PublicPages;

/**
 * The reader page's HTML, from the data of {@link ReaderQuery}. Every text from the data is escaped (a headline with
 * {@code <script>} in it shows those characters), and the page holds no inline script or style, so it runs under
 * {@link ReaderController#POLICY}. Parts the data lacks (no photo, an empty list) are left out.
 */
final class ReaderView {

    private final NewsroomTime time;

    ReaderView(NewsroomTime time) {
        this.time = time;
    }

    /**
     * The page for {@code path}: the article when the query found one whose URL is that path, a permanent redirect to
     * its URL when it was found by a former slug or under another section, 404 when none is visible, 503 when the
     * query failed before it could tell, and nothing of the reader's (the service's plain 404) when the path does not
     * begin with a top-level section.
     */
    PublicPages.Page render(PublicPages.Answer answer, String path) {
        Map<String, Object> data = answer.data();
        Map<String, Object> article = map(data.get("article"));
        Map<String, Object> top = map(data.get("top"));
        if (article == null && !answer.failed() && (top == null || top.get("parent") != null)) {
            // The path does not begin with a top-level section: not the reader's, whatever it is.
            return PublicPages.Page.none();
        }
        if (article == null) {
            return answer.failed()
                    ? PublicPages.Page.unavailable(
                            notice("Halaman sedang tidak tersedia", "Silakan muat ulang sebentar lagi.", data))
                    : PublicPages.Page.notFound(notice(
                            "Halaman tidak ditemukan", "Berita yang Anda cari tidak ada atau belum terbit.", data));
        }
        String url = text(article.get("url"));
        if (!path.equals(url)) {
            return PublicPages.Page.movedTo(url);
        }
        return PublicPages.Page.ok(article(article, data));
    }

    private String article(Map<String, Object> article, Map<String, Object> data) {
        StringBuilder html = new StringBuilder(16_384);
        head(html, text(article.get("headline")), text(article.get("url")));
        html.append("<script src=\"/beacon.js\" data-article=\"")
                .append(escape(text(article.get("id"))))
                .append("\" async></script>\n</head>\n<body>\n<main class=\"page\">\n<article class=\"story\">\n");

        html.append("<nav class=\"breadcrumb\" id=\"breadcrumb\" aria-label=\"Rubrik\"><ol>");
        Map<String, Object> section = map(article.get("section"));
        for (Map<String, Object> part : maps(section == null ? null : section.get("path"))) {
            html.append("<li>").append(escape(text(part.get("name")))).append("</li>");
        }
        html.append("</ol></nav>\n");

        html.append("<h1 id=\"headline\">")
                .append(escape(text(article.get("headline"))))
                .append("</h1>\n");
        String summary = text(article.get("summary"));
        if (!summary.isEmpty()) {
            html.append("<p class=\"summary\" id=\"summary\">")
                    .append(escape(summary))
                    .append("</p>\n");
        }
        ZonedDateTime published = time.parse(article.get("publishedAt"));
        if (published != null) {
            html.append("<p class=\"meta\"><time id=\"published\" datetime=\"")
                    .append(escape(published.toOffsetDateTime().toString()))
                    .append("\">")
                    .append(escape(time.full(published)))
                    .append("</time></p>\n");
        }
        List<Map<String, Object>> reporters = maps(article.get("reporters"));
        if (!reporters.isEmpty()) {
            html.append("<p class=\"byline\" id=\"byline\">Laporan: ");
            for (int i = 0; i < reporters.size(); i++) {
                if (i > 0) {
                    html.append(i == reporters.size() - 1 ? " dan " : ", ");
                }
                html.append("<span class=\"reporter\">")
                        .append(escape(text(reporters.get(i).get("name"))))
                        .append("</span>");
            }
            html.append("</p>\n");
        }
        photo(html, map(article.get("image")));

        html.append("<div class=\"body\" id=\"body\">\n");
        for (Map<String, Object> block : maps(article.get("body"))) {
            String text = escape(text(block.get("text")));
            switch (text(block.get("type"))) {
                case "QUOTE" -> {
                    html.append("<blockquote class=\"quote\"><p>\u201C")
                            .append(text)
                            .append("\u201D</p>");
                    String speaker = text(block.get("speaker"));
                    if (!speaker.isEmpty()) {
                        html.append("<footer>\u2014 ").append(escape(speaker)).append("</footer>");
                    }
                    html.append("</blockquote>\n");
                }
                case "HEADING" -> html.append("<h2>").append(text).append("</h2>\n");
                default -> html.append("<p>").append(text).append("</p>\n");
            }
        }
        html.append("</div>\n</article>\n<aside class=\"lists\">\n");

        list(html, "selengkapnya", "Selengkapnya", maps(article.get("related")), "ul");
        lists(html, data);
        html.append("</aside>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void photo(StringBuilder html, Map<String, Object> image) {
        if (image == null || text(image.get("url")).isEmpty()) {
            return;
        }
        html.append("<figure class=\"photo\" id=\"photo\"><img src=\"")
                .append(escape(text(image.get("url"))))
                .append("\" alt=\"")
                .append(escape(text(image.get("alt")).isEmpty() ? text(image.get("caption")) : text(image.get("alt"))))
                .append('"');
        if (image.get("width") instanceof Integer width && image.get("height") instanceof Integer height) {
            html.append(" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append('"');
        }
        html.append(">");
        String caption = text(image.get("caption"));
        String credit = text(image.get("credit"));
        if (!caption.isEmpty() || !credit.isEmpty()) {
            html.append("<figcaption>");
            if (!caption.isEmpty()) {
                html.append("<span class=\"caption\">").append(escape(caption)).append("</span>");
            }
            if (!credit.isEmpty()) {
                html.append(" <span class=\"credit\" id=\"credit\">/")
                        .append(escape(credit))
                        .append("</span>");
            }
            html.append("</figcaption>");
        }
        html.append("</figure>\n");
    }

    /** "Populer" (most read in the last 7 days) and "UPDATE" (newest), both linking to the articles' pages. */
    private void lists(StringBuilder html, Map<String, Object> data) {
        List<Map<String, Object>> popular = maps(data.get("popular")).stream()
                .map(ranked -> map(ranked.get("article")))
                .filter(a -> a != null)
                .toList();
        list(html, "populer", "Populer", popular, "ol");
        Map<String, Object> latest = map(data.get("latest"));
        List<Map<String, Object>> newest = maps(latest == null ? null : latest.get("edges")).stream()
                .map(edge -> map(edge.get("node")))
                .filter(a -> a != null)
                .toList();
        list(html, "update", "UPDATE", newest, "ul");
    }

    private void list(StringBuilder html, String id, String title, List<Map<String, Object>> articles, String tag) {
        if (articles.isEmpty()) {
            return;
        }
        html.append("<section class=\"list\" id=\"")
                .append(id)
                .append("\"><h2>")
                .append(title)
                .append("</h2><")
                .append(tag)
                .append(">");
        for (Map<String, Object> item : articles) {
            html.append("<li><a href=\"")
                    .append(escape(text(item.get("url"))))
                    .append("\">")
                    .append(escape(text(item.get("headline"))))
                    .append("</a>");
            ZonedDateTime published = time.parse(item.get("publishedAt"));
            if (published != null) {
                html.append(" <time datetime=\"")
                        .append(escape(published.toOffsetDateTime().toString()))
                        .append("\">")
                        .append(escape(time.full(published)))
                        .append("</time>");
            }
            html.append("</li>");
        }
        html.append("</").append(tag).append("></section>\n");
    }

    /** A page without an article (not found, unavailable), with the lists the query still answered. */
    private String notice(String title, String message, Map<String, Object> data) {
        StringBuilder html = new StringBuilder(4096);
        head(html, title, null);
        html.append("</head>\n<body>\n<main class=\"page\">\n<article class=\"story\">\n<h1 id=\"headline\">")
                .append(escape(title))
                .append("</h1>\n<p>")
                .append(escape(message))
                .append("</p>\n</article>\n<aside class=\"lists\">\n");
        lists(html, data);
        html.append("</aside>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String title, String canonical) {
        html.append("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<link rel=\"stylesheet\" href=\"/reader/reader.css\">\n");
        if (canonical != null) {
            html.append("<link rel=\"canonical\" href=\"")
                    .append(escape(canonical))
                    .append("\">\n");
        }
    }

    /** Text for HTML content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(entity);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(ReaderView::map).filter(m -> m != null).toList();
    }
}
