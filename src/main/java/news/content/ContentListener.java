package news.content;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for other instances' content changes on a connection of its own (outside the pool, which it would
 * otherwise hold forever) and hands each to {@link AfterCommit}, which runs the same steps as for this instance's own
 * writes (but the purge); their {@link InstanceMessages} go to the receivers of their topics. When the connection fails it reconnects, and after every
 * (re)connection it hands over {@link ContentChanged#everything()}: notifications sent while it was not listening are
 * lost, so no cache may keep anything from before.
 */
@Component
class ContentListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContentListener.class);

    /** How long one wait for notifications lasts; also how quickly a stop is noticed. */
    static final int WAIT_MILLIS = 500;

    /** A connection that broke without a word (a dead network) is found by a round trip this often. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final ContentChanges changes;

    private final AfterCommit afterCommit;

    private final InstanceMessages messages;

    private final ObjectProvider<JdbcConnectionDetails> database;

    private final DataSource dataSource;

    private volatile boolean running;

    private volatile Thread thread;

    ContentListener(
            ContentChanges changes,
            AfterCommit afterCommit,
            InstanceMessages messages,
            ObjectProvider<JdbcConnectionDetails> database,
            DataSource dataSource) {
        this.changes = changes;
        this.afterCommit = afterCommit;
        this.messages = messages;
        this.database = database;
        this.dataSource = dataSource;
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::run, "content-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(2 * WAIT_MILLIS + 1000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection connection = open()) {
                ContentRepository.listen(connection);
                changes.listening(true);
                afterCommit.heard(ContentChanged.everything(), null);
                log.info("Listening for content changes of other instances");
                retry = FIRST_RETRY;
                receive(connection);
            } catch (SQLException | RuntimeException ex) {
                if (!running) {
                    break;
                }
                changes.listening(false);
                afterCommit.heard(ContentChanged.everything(), null);
                log.warn(
                        "Not listening for content changes ({}); caches are bypassed, next attempt in {} s",
                        ex.getMessage(),
                        retry.toSeconds());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
        changes.listening(false);
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    String[] parts = notification.getParameter().split(" ");
                    if (parts[0].equals(changes.instance)) {
                        continue;
                    }
                    if (InstanceMessages.isMessage(parts)) {
                        messages.heard(notification.getParameter());
                    } else {
                        afterCommit.heard(ContentChanged.parse(parts), ContentChanged.keys(parts));
                    }
                }
            }
            if (System.nanoTime() - nextCheck > 0) {
                if (!connection.isValid((int) CHECK_INTERVAL.toSeconds())) {
                    throw new SQLException("the listening connection does not answer");
                }
                nextCheck = System.nanoTime() + CHECK_INTERVAL.toNanos();
            }
        }
    }

    private Connection open() throws SQLException {
        JdbcConnectionDetails details = database.getIfAvailable();
        if (details == null) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        if (details.getUsername() != null) {
            properties.setProperty("user", details.getUsername());
        }
        if (details.getPassword() != null) {
            properties.setProperty("password", details.getPassword());
        }
        properties.setProperty("ApplicationName", "news-content-listener");
        properties.setProperty("tcpKeepAlive", "true");
        // Like the pool's connections: an unreachable host is given up quickly, and the listener tries again.
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(details.getJdbcUrl(), properties);
    }

    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
