package news.edge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import news.article.Article;
import news.reporter.Reporter;
import news.section.Section;
import news.tag.Tag;

/**
 * The surrogate keys answers carry and purges name. Every public answer carries keys for what it shows <em>and</em>
 * for what it asked for, so that an answer is purged by every write that would change it, also one that answered
 * {@code null} or an empty list:
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>carried by</th><th>purged by</th></tr>
 * <tr><td>{@code news}</td><td>every answer</td><td>a change of unknown extent (purges everything)</td></tr>
 * <tr><td>{@code article-<id>}, {@code section-<id>}, {@code reporter-<id>}, {@code tag-<id>}</td>
 *     <td>an answer showing any field of that object; an answer to {@code node(id:)} or {@code article(id:)} /
 *     {@code articleById(id:)} naming it, even when it answered {@code null}</td>
 *     <td>a write of that object; for articles, every write readers could notice (publish, schedule falling due,
 *     update of a public article, correction, unpublish, archive), which also purges the article's sections (and
 *     those above them), reporters and tags</td></tr>
 * <tr><td>{@code article-slug-<slug>}, {@code section-slug-<slug>}, {@code reporter-slug-<slug>},
 *     {@code tag-slug-<slug>}</td>
 *     <td>an answer to {@code article(slug:)}, {@code section(slug:)}, {@code reporter(slug:)}, {@code tag(slug:)}
 *     asking for that slug, whatever it answered</td>
 *     <td>an article write readers could notice (every slug that finds the article: its current one and its former
 *     ones, and the slugs of its tags); a section or reporter write (its slug)</td></tr>
 * <tr><td>{@code list-latest}, {@code list-articles}, {@code list-popular}, {@code list-trending},
 *     {@code list-search}</td>
 *     <td>an answer with that root field</td>
 *     <td>every article write readers could notice; {@code popular} and {@code trending} also a recomputed
 *     ranking (the origin's cache only)</td></tr>
 * <tr><td>{@code list-related}</td><td>an answer selecting {@code related} anywhere</td>
 *     <td>every article write readers could notice</td></tr>
 * <tr><td>{@code list-sections}</td><td>an answer with {@code sections}</td><td>every section write</td></tr>
 * </table>
 *
 * <p>Slugs in keys are as readers may write them: lower-case letters, digits and hyphens; a slug argument of any other
 * form can never find anything and adds no key. The origin's response cache drops exactly the keys the CDN purge names
 * ({@link PurgeKeys}).
 */
final class SurrogateKeys {

    private SurrogateKeys() {}

    /** What a slug key may hold: the form of every stored slug, so that it is one token of a header. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,199}");

    static String article(long id) {
        return "article-" + id;
    }

    static String section(long id) {
        return "section-" + id;
    }

    static String reporter(long id) {
        return "reporter-" + id;
    }

    static String tag(long id) {
        return "tag-" + id;
    }

    static String list(String name) {
        return "list-" + name;
    }

    /**
     * The key of an answer asking for the {@code kind} ({@code article}, {@code section}, {@code reporter},
     * {@code tag}) with this slug, or null when no stored slug can have this form.
     */
    static String slug(String kind, Object slug) {
        return slug instanceof String s && SLUG.matcher(s).matches() ? kind + "-slug-" + s : null;
    }

    /**
     * The key of the object a global id names ({@code QXJ0aWNsZTo0Mg} is {@code Article:42}, key {@code article-42}),
     * or null for an id that names nothing that has a key.
     */
    static String ofGlobalId(Object id) {
        if (!(id instanceof String text) || text.length() > 100) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        long key;
        try {
            key = Long.parseLong(decoded.substring(colon + 1));
        } catch (NumberFormatException ex) {
            return null;
        }
        if (key <= 0) {
            return null;
        }
        return switch (decoded.substring(0, colon)) {
            case "Article" -> article(key);
            case "Section" -> section(key);
            case "Reporter" -> reporter(key);
            case "Tag" -> tag(key);
            default -> null;
        };
    }

    /** The key of an object an answer holds, or null for objects without one of their own. */
    static String of(Object source) {
        if (source instanceof Article a) {
            return article(a.id());
        }
        if (source instanceof Section s) {
            return section(s.id());
        }
        if (source instanceof Reporter r) {
            return reporter(r.id());
        }
        if (source instanceof Tag t) {
            return tag(t.id());
        }
        return null;
    }
}
