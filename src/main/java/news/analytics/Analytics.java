package news.analytics;

/** The root of the editors' analytics queries; its fields are resolved by {@link AnalyticsDashboardController}. */
record Analytics() {

    static final Analytics INSTANCE = new Analytics();
}
