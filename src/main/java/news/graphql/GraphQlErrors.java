package news.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import news.database.DatabaseBusy;
import news.database.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps exceptions to classified GraphQL errors. Expected failures name the offending argument; anything unexpected is
 * logged with a reference id and answered with that id only, never with a stack trace or SQL.
 */
@ControllerAdvice
class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    /** During an outage every field fails; one warning per this many nanoseconds is enough. */
    private static final long UNAVAILABLE_LOG_INTERVAL = 10_000_000_000L;

    private final AtomicLong lastUnavailableLog = new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL);

    private final AtomicLong lastBusyLog = new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL);

    @GraphQlExceptionHandler
    GraphQLError badInput(BadInputException ex, DataFetchingEnvironment env) {
        return ClassifiedError.of(env, ErrorType.BAD_REQUEST, ex.getMessage(), Map.of("argument", ex.argument()));
    }

    @GraphQlExceptionHandler
    GraphQLError conflict(ConflictException ex, DataFetchingEnvironment env) {
        return ClassifiedError.of(env, ConflictException.CONFLICT, ex.getMessage(), Map.of("argument", ex.argument()));
    }

    @GraphQlExceptionHandler
    GraphQLError busy(BusyException ex, DataFetchingEnvironment env) {
        return busy(ex.getMessage(), env);
    }

    @GraphQlExceptionHandler
    GraphQLError unexpected(Exception ex, DataFetchingEnvironment env) {
        if (DatabaseBusy.isCause(ex)) {
            logRarely(lastBusyLog, "Database busy at {}: {}", env, ex);
            return busy(DatabaseBusy.MESSAGE, env);
        }
        if (DatabaseUnavailable.isCause(ex)) {
            return unavailable(ex, env);
        }
        String reference = UUID.randomUUID().toString();
        log.error(
                "Unexpected error {} at {}",
                reference,
                env.getExecutionStepInfo().getPath(),
                ex);
        return ClassifiedError.of(
                env,
                ErrorType.INTERNAL_ERROR,
                "Internal error; reference " + reference + ".",
                Map.of("reference", reference));
    }

    /**
     * The database cannot be reached: a condition of the moment, not a fault of the request, so it is answered as
     * retryable and logged in one line instead of with a stack trace per field.
     */
    private GraphQLError unavailable(Exception ex, DataFetchingEnvironment env) {
        logRarely(lastUnavailableLog, "Database unavailable at {}: {}", env, ex);
        return ClassifiedError.of(
                env,
                Availability.UNAVAILABLE,
                DatabaseUnavailable.MESSAGE,
                Map.of("retryable", true, "retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }

    /**
     * Overload: the service (a bounded kind of work, or the connection pool) has no room for this field right now,
     * while the database is up. Retryable, and told apart from an outage so clients and operators see which it is.
     */
    private static GraphQLError busy(String message, DataFetchingEnvironment env) {
        return ClassifiedError.of(
                env,
                Availability.BUSY,
                message,
                Map.of("retryable", true, "retryAfterSeconds", DatabaseBusy.RETRY_AFTER_SECONDS));
    }

    /** A warning per {@link #UNAVAILABLE_LOG_INTERVAL} at most, debug lines in between. */
    private static void logRarely(AtomicLong lastLog, String format, DataFetchingEnvironment env, Exception ex) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= UNAVAILABLE_LOG_INTERVAL && lastLog.compareAndSet(last, now)) {
            log.warn(format, env.getExecutionStepInfo().getPath(), rootMessage(ex));
        } else {
            log.debug(format, env.getExecutionStepInfo().getPath(), rootMessage(ex));
        }
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    /**
     * Errors that a retry a moment later may not meet, in {@code extensions.classification}: the database cannot be
     * reached (UNAVAILABLE), or the service has no room for the work right now (BUSY).
     */
    private enum Availability implements ErrorClassification {
        UNAVAILABLE,
        BUSY
    }
}
