package news.analytics.alerts;

/** Why an alert was raised (see {@link news.analytics.AnalyticsProperties.Alerts} for the rule). */
public enum AlertKind {
    /** The article crossed its threshold for the first time. */
    SPIKE,
    /** It stayed high and its rate reached the still-rising factor times the rate of its last alert. */
    STILL_RISING,
    /** It crossed its threshold again after having fallen below the lower threshold. */
    BACK_RISING
}
