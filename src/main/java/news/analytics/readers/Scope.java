package news.analytics.readers;

import java.util.List;

/**
 * Whose readers: the whole site, one article, the articles filed in some sections (a section with its subsections),
 * or those crediting a reporter.
 */
public record Scope(Kind kind, List<Long> ids) {

    public enum Kind {
        SITE,
        SECTION,
        REPORTER,
        ARTICLE
    }

    public static final Scope SITE = new Scope(Kind.SITE, List.of(0L));

    public static Scope article(long id) {
        return new Scope(Kind.ARTICLE, List.of(id));
    }

    public static Scope sections(List<Long> ids) {
        return new Scope(Kind.SECTION, List.copyOf(ids));
    }

    public static Scope reporter(long id) {
        return new Scope(Kind.REPORTER, List.of(id));
    }
}
