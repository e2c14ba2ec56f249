package news.content;

import java.util.List;

/**
 * Names the cached answers a change affects, as the surrogate keys the edge gives them. {@link AfterCommit} reads them
 * once per change (see {@link CommittedChange#keys()}), and every step that drops or purges answers uses those.
 */
public interface AffectedKeys {

    /** The keys, read from the state after the change; empty when readers cannot notice it. */
    List<String> of(ContentChanged change);

    /**
     * The keys, read inside the writing transaction just before its commit (seeing its writes), or null when they
     * can only be read after the commit: when they come from caches that drop the change only then. Keys read here
     * travel in the notification, so no instance reads them again.
     */
    default List<String> beforeCommit(ContentChanged change) {
        return null;
    }
}
