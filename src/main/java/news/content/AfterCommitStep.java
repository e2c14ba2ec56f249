package news.content;

/**
 * One part of what an instance does once a content change has committed, whether this instance made it or heard of it
 * from another: a module implements it as a bean, and {@link AfterCommit} calls every step in the order of its
 * {@link Stage}. Steps of one stage do not depend on each other; a step that fails is logged and the others still
 * run.
 */
public interface AfterCommitStep {

    /**
     * When a step runs. The stages run in this order, each step of a stage before any of the next; each stage reads
     * what the stages before it have made current.
     */
    enum Stage {

        /**
         * Caches that answer from memory what the database holds drop what the change names (the section tree, the
         * reporters of bylines, ingestion's visibility checks, the ranking lists). First, because every later stage
         * reads through them: the surrogate keys come from the section tree and the bylines, the announcement from the
         * public catalog.
         */
        CACHES,

        /**
         * The origin's response cache drops the answers carrying one of the change's keys ({@link
         * CommittedChange#keys()}: read once, before the commit for an article, else here). Before the purge: a CDN
         * refetches a purged answer from the origin at once, and it must not be given the origin's stale copy.
         */
        RESPONSES,

        /**
         * The instance that made the change tells the CDNs to drop the same keys (the request goes out on a queue of
         * its own, so the write does not wait for it).
         */
        PURGE,

        /**
         * Live subscribers hear of the change. Last: a client that reacts to an announcement by fetching the page
         * must find caches that no longer hold the old answer, at the origin and (as far as the purge has arrived) at
         * the CDN.
         */
        ANNOUNCE
    }

    Stage stage();

    void apply(CommittedChange change);
}
