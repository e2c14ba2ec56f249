package news.analytics.ingest;

/**
 * One view as a client reports it ({@code RecordViewInput}, or the body of {@code POST /views}). The referrer and
 * the {@code utm_*} values decide the view's source ({@link TrafficSources}); only its category and referring host
 * are stored.
 */
record ViewReport(
        String articleId, String visitorId, String referrer, String utmSource, String utmMedium, String utmCampaign) {

    static ViewReport of(String articleId, String visitorId, String referrer) {
        return new ViewReport(articleId, visitorId, referrer, null, null, null);
    }
}
