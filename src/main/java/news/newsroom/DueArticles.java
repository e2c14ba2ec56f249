package news.newsroom;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import news.content.ContentChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices scheduled articles falling due. Readers see such an article at its time without any job (the database's
 * clock decides, see {@code ContentRepository.publicArticle}), but nothing else would hear of that instant: answers
 * cached while it was not yet visible, at the origin and at CDNs, would stay {@code null} or without it, and live
 * subscribers would not be told. So every {@link ScheduleProperties#checkEvery()} each instance looks for scheduled
 * articles whose time has come (by the database's clock) and publishes, for each, the same {@link ContentChanged} a
 * publish does, inside a transaction: after the commit this instance purges the CDN and drops its response cache
 * entries, and every instance (by notification) drops its caches and announces the article to its subscribers.
 *
 * <p>Each article falls due once: the check marks it PUBLISHED (the status readers saw already) in the same
 * transaction, so no instance handles it again; rows another transaction holds are skipped and taken by a later check.
 * It is no editor's change: the version, the audit trail and the editor stamps stay as they are. An article that fell
 * due while no instance ran is handled by the first check afterwards, within {@link ScheduleProperties#lookback()}.
 */
@Component
class DueArticles implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueArticles.class);

    private final NewsroomRepository repository;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final ScheduleProperties settings;

    /** The thread of the checks while running; a test's paused context stops it and may start it again. */
    private volatile ScheduledExecutorService timer;

    /** Whether the last check failed, so that an outage is logged once, not every second. */
    private volatile boolean failing;

    DueArticles(
            NewsroomRepository repository,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            ScheduleProperties settings) {
        this.repository = repository;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
    }

    /**
     * Handles every article that has fallen due and was not handled yet; answers how many.
     */
    int check() {
        Integer handled = transactions.execute(status -> {
            List<Long> due = repository.publishDue(settings.lookback());
            for (long id : due) {
                events.publishEvent(ContentChanged.article(id, true));
            }
            return due.size();
        });
        if (handled != null && handled > 0) {
            log.info("{} scheduled article(s) fell due", handled);
        }
        return handled == null ? 0 : handled;
    }

    private void checkQuietly() {
        try {
            check();
            if (failing) {
                log.info("Checking for scheduled articles falling due again");
                failing = false;
            }
        } catch (RuntimeException ex) {
            if (!failing) {
                log.warn("Could not check for scheduled articles falling due (retrying): {}", ex.toString());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "due-articles");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(10, settings.checkEvery().toMillis());
        t.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        timer = t;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
