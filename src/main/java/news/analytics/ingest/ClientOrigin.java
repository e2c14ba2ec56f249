package news.analytics.ingest;

/**
 * Where a request came from: the address and user agent (for the anonymous visitor key, the bot filter and the rate
 * limit, never stored) and the entry point it used (kept in the accounting).
 */
record ClientOrigin(String ip, String userAgent, IngestionEntryPoint entryPoint) {

    static final String CONTEXT_KEY = ClientOrigin.class.getName();

    /** A GraphQL client. */
    ClientOrigin(String ip, String userAgent) {
        this(ip, userAgent, IngestionEntryPoint.GRAPHQL);
    }
}
