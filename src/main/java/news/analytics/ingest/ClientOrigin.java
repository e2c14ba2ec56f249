package news.analytics.ingest;

/** Where a request came from: used for the anonymous visitor key and the bot filter, never stored. */
record ClientOrigin(String ip, String userAgent) {

    static final String CONTEXT_KEY = ClientOrigin.class.getName();
}
