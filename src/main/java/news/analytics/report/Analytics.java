package news.analytics.report;

/** The root of the editors' analytics queries; its fields are resolved by {@link ReadershipController}. */
record Analytics() {

    static final Analytics INSTANCE = new Analytics();
}
