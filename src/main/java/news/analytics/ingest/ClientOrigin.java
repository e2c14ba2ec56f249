package news.analytics.ingest;

/**
 * Where a request came from: the address and user agent (for the anonymous visitor key, the bot filter and the rate
 * limit, never stored), the entry point it used (kept in the accounting), and the host the request was sent to (the
 * service's own: a referrer there is internal; null when unknown).
 */
record ClientOrigin(String ip, String userAgent, IngestionEntryPoint entryPoint, String host) {

    static final String CONTEXT_KEY = ClientOrigin.class.getName();

    /** A client whose request named no host. */
    ClientOrigin(String ip, String userAgent, IngestionEntryPoint entryPoint) {
        this(ip, userAgent, entryPoint, null);
    }

    /** A GraphQL client. */
    ClientOrigin(String ip, String userAgent) {
        this(ip, userAgent, IngestionEntryPoint.GRAPHQL);
    }
}
