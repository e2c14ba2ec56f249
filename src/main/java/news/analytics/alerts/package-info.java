/**
 * Alerts when a story takes off: every {@code news.analytics.alerts.interval} the instance that takes the lock
 * ({@code AlertChecker}) measures the recent articles' readers per minute (from {@code reader_presence}, which
 * ingestion writes) against thresholds from their sections' recent peaks (from {@code article_views_hourly}), and
 * records each crossing, once, in PostgreSQL ({@code analytics_alert}, with the articles' states in
 * {@code analytics_alert_state}). Alerts reach editors as {@code Subscription.analyticsAlerts} on every instance (the
 * others hear of each by an instance message of {@code news.content}) and {@code Analytics.alerts}, and the signed
 * webhook ({@code AlertWebhook}). It reads the tables of ingestion and nothing of the other parts' code. Only the
 * repository uses jOOQ.
 */
package news.analytics.alerts;
