package news.analytics.report;

/** Whose views a series counts ({@code AnalyticsScope} input): the whole site when all are null, else exactly one. */
record AnalyticsScope(String section, String reporter, String article) {}
