package news.content;

import java.util.Arrays;
import java.util.List;

/**
 * Something readers may see has changed: the newsroom publishes one inside its write transaction, and every instance
 * acts on it after the commit (this one at once, the others when the PostgreSQL notification arrives) in the steps
 * {@link AfterCommit} runs: caches drop what it names, the writing instance purges CDNs, subscribers hear of it. {@code visible} says whether readers could notice the change (the article was or becomes public);
 * {@link Kind#ALL} means anything may have changed.
 */
public record ContentChanged(Kind kind, long id, boolean visible) {

    /** What changed. */
    public enum Kind {
        ARTICLE,
        SECTION,
        REPORTER,
        ALL
    }

    public static ContentChanged article(long id, boolean visible) {
        return new ContentChanged(Kind.ARTICLE, id, visible);
    }

    public static ContentChanged section(long id) {
        return new ContentChanged(Kind.SECTION, id, true);
    }

    public static ContentChanged reporter(long id) {
        return new ContentChanged(Kind.REPORTER, id, true);
    }

    /** Everything may have changed, e.g. after notifications may have been missed. */
    public static ContentChanged everything() {
        return new ContentChanged(Kind.ALL, 0, true);
    }

    /** Whether a cache of {@code kind} must drop something for this change. */
    public boolean concerns(Kind kind) {
        return this.kind == Kind.ALL || this.kind == kind;
    }

    /** Marks the surrogate keys in a notification's text; an older version's text has none. */
    static final String KEYS = "keys";

    /** PostgreSQL refuses a notification of 8000 bytes or more; keys that do not fit are left out. */
    static final int MAX_PAYLOAD = 7900;

    /**
     * The text of the PostgreSQL notification, prefixed by the sending instance, with the surrogate keys the change
     * affects when they were read before the commit (null: not read, each instance reads them itself).
     */
    String payload(String instance, List<String> keys) {
        String plain = instance + " " + kind + " " + id + " " + visible;
        if (keys == null) {
            return plain;
        }
        String withKeys = plain + " " + KEYS + (keys.isEmpty() ? "" : " " + String.join(" ", keys));
        return withKeys.length() <= MAX_PAYLOAD ? withKeys : plain;
    }

    /** The surrogate keys a notification's text carries, or null when it carries none. */
    static List<String> keys(String[] parts) {
        if (parts.length < 5 || !parts[4].equals(KEYS)) {
            return null;
        }
        return List.of(Arrays.copyOfRange(parts, 5, parts.length));
    }

    /**
     * The change a notification names, or {@link #everything()} when its text is not understood (a newer version's
     * format, say): dropping too much is safe, dropping nothing is not.
     */
    static ContentChanged parse(String[] parts) {
        try {
            return new ContentChanged(Kind.valueOf(parts[1]), Long.parseLong(parts[2]), Boolean.parseBoolean(parts[3]));
        } catch (RuntimeException ex) {
            return everything();
        }
    }
}
