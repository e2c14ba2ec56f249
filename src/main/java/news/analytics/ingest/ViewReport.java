package news.analytics.ingest;

/**
 * One view as a client reports it ({@code RecordViewInput}). The referrer is accepted so that clients can send it
 * already; it is not stored.
 */
record ViewReport(String articleId, String visitorId, String referrer) {}
