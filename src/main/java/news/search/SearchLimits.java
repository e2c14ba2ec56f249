package news.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much search may run at once, and how many matches one search ranks. Ranking reads every match it ranks, so
 * a search is bounded above {@code boundedAbove} matches, and ranks at most {@code newestRanked} when matches are
 * dense among the newest articles (see {@link SearchRepository}). Many searches at once would still hold every
 * pooled connection and starve the other reads (which then fail their short wait for a connection), so searches
 * beyond {@code maxConcurrent} queue here instead. And a search statement that runs longer than
 * {@code statementTimeout} is cancelled by PostgreSQL itself, so that no query text, however costly its words, holds
 * a turn longer than that: the {@code search} field is then answered SEARCH_TIMEOUT (retryable).
 *
 * @param maxConcurrent searches whose statements run at the same time on one instance (at least 1)
 * @param queueTimeout how long a search waits for its turn; after that it is answered BUSY (retryable)
 * @param boundedAbove above this many matches a search no longer ranks every match (at least 1)
 * @param newestRanked the most matches a search of words in many of the newest articles ranks: the newest ones (1
 *     to {@code boundedAbove})
 * @param statementTimeout the longest a search statement runs in PostgreSQL ({@code SET LOCAL statement_timeout} in
 *     its transaction; at least 1 ms, whole milliseconds)
 */
@ConfigurationProperties("news.search")
record SearchLimits(
        @DefaultValue("3") int maxConcurrent,
        @DefaultValue("2s") Duration queueTimeout,
        @DefaultValue("1000") int boundedAbove,
        @DefaultValue("1000") int newestRanked,
        @DefaultValue("1500ms") Duration statementTimeout) {

    SearchLimits {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("news.search.max-concurrent must be at least 1, was " + maxConcurrent);
        }
        if (boundedAbove < 1) {
            throw new IllegalArgumentException("news.search.bounded-above must be at least 1, was " + boundedAbove);
        }
        if (newestRanked < 1 || newestRanked > boundedAbove) {
            throw new IllegalArgumentException("news.search.newest-ranked must be between 1 and"
                    + " news.search.bounded-above (" + boundedAbove + "), was " + newestRanked);
        }
        if (statementTimeout.toMillis() < 1 || statementTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "news.search.statement-timeout must be between 1ms and 24d, was " + statementTimeout);
        }
    }
}
