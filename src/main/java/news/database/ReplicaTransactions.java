package news.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps transactions on the primary and records where their commits end in the primary's WAL, for read-your-writes.
 * Registered on the transaction manager when replicas are configured.
 *
 * <p>A transaction's connection is taken while it begins, before Spring marks the transaction active: {@link
 * #beginning()} tells {@link ReplicaRouting} that a connection asked for then is a transaction's (the primary's), even
 * on a thread running a public read. After the commit of a read-write transaction, and before any after-commit step
 * (cache eviction, the CDN purge, the announcement to other instances: {@code news.content.AfterCommit}) runs, the
 * primary's {@code pg_current_wal_lsn()} is read on the same connection: a replica that has replayed that far has the
 * commit, so the caches those steps emptied refill from a replica only once it has the change.
 */
final class ReplicaTransactions implements TransactionExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReplicaTransactions.class);

    private static final ThreadLocal<Boolean> BEGINNING = new ThreadLocal<>();

    private final ReplicaRouting routing;

    /** What the transaction manager binds a transaction's connection to: its data source. */
    private final Object resourceKey;

    ReplicaTransactions(ReplicaRouting routing, Object resourceKey) {
        this.routing = routing;
        this.resourceKey = resourceKey;
    }

    /** Whether a transaction is beginning on this thread (its connection must be the primary's). */
    static boolean beginning() {
        return BEGINNING.get() != null;
    }

    @Override
    public void beforeBegin(TransactionExecution transaction) {
        BEGINNING.set(Boolean.TRUE);
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        BEGINNING.remove();
        if (beginFailure == null
                && transaction.isNewTransaction()
                && !transaction.isReadOnly()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new RecordCommit());
        }
    }

    /** First of the after-commit callbacks: reads the primary's WAL position on the transaction's connection. */
    private final class RecordCommit implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCommit() {
            if (!(TransactionSynchronizationManager.getResource(resourceKey) instanceof ConnectionHolder holder)) {
                return;
            }
            Connection connection = holder.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(ReplicaRouting.CURRENT_LSN);
                    ResultSet row = statement.executeQuery()) {
                row.next();
                routing.committed(row.getLong(1));
            } catch (SQLException ex) {
                log.debug("Could not read the primary's WAL position after a commit: {}", ex.toString());
            }
        }
    }
}
