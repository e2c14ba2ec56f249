package news.analytics.alerts;

import java.time.OffsetDateTime;

/**
 * One raised alert: the article, why, its readers per minute and its threshold when it was raised.
 */
public record Alert(
        long id, AlertKind kind, long articleId, double readersPerMinute, double threshold, OffsetDateTime raisedAt) {}
