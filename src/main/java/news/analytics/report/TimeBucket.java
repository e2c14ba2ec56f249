package news.analytics.report;

/** Resolution of a views-over-time series; days begin at midnight in the newsroom zone. */
enum TimeBucket {
    HOUR,
    DAY
}
