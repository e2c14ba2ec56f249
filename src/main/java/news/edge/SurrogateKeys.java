package news.edge;

import news.article.Article;
import news.reporter.Reporter;
import news.section.Section;
import news.tag.Tag;

/** The surrogate key of each kind of thing an answer can show, and of the lists; a purge names the same keys. */
final class SurrogateKeys {

    private SurrogateKeys() {}

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
