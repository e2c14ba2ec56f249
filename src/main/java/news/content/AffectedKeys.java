package news.content;

import java.util.List;

/**
 * Names the cached answers a change affects, as the surrogate keys the edge gives them. {@link AfterCommit} reads them
 * once per change (see {@link CommittedChange#keys()}), and every step that drops or purges answers uses those.
 */
public interface AffectedKeys {

    /** The keys, read from the state after the change; empty when readers cannot notice it. */
    List<String> of(ContentChanged change);
}
