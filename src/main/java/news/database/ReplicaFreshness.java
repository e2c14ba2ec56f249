package news.database;

/**
 * Lets this instance's public reads wait for the replicas to have a change another instance committed (heard of
 * through its notification), as they wait for this instance's own commits: otherwise a cache emptied on hearing of it
 * could refill from a replica that has not replayed it yet, and keep the old state. Costs one query on the primary
 * per change heard, and nothing without replicas.
 */
public final class ReplicaFreshness {

    private final ReplicaRouting routing;

    ReplicaFreshness(ReplicaRouting routing) {
        this.routing = routing;
    }

    /** A change committed elsewhere was heard of: reads from now on need what the primary has now. */
    public void changeHeard() {
        if (routing != null) {
            routing.catchUpWithPrimary();
        }
    }
}
