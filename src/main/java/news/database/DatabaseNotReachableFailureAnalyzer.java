package news.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says in Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace to read through, that PostgreSQL
 * did not accept a connection at start and what to do about it.
 */
class DatabaseNotReachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseStartup.DatabaseNotReachable> {

    @Override
    protected FailureAnalysis analyze(Throwable root, DatabaseStartup.DatabaseNotReachable failure) {
        return new FailureAnalysis(
                failure.getMessage(),
                "Start PostgreSQL or correct spring.datasource.url, username and password. To wait longer for a"
                        + " database that starts slowly, raise news.database.startup-timeout.",
                failure);
    }
}
