package news.newsroom;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import news.content.ContentChanged;
import news.newsroom.NewsroomRepository.DueArticle;
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
 * <p>Each article falls due once per version: the check writes an {@value #DUE_ACTION} row to the audit trail at the
 * article's version, in the same transaction, and skips articles that have one. Instances take turns through a
 * PostgreSQL advisory lock, so two never handle the same article; an article that fell due while no instance ran is
 * handled by the first check afterwards, within {@link ScheduleProperties#lookback()}.
 */
@Component
class DueArticles implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueArticles.class);

    /** The audit trail's action for an article whose scheduled time came. */
    static final String DUE_ACTION = "ARTICLE_DUE";

    /** The audit trail's actor of that action. */
    static final String ACTOR = "schedule";

    private final NewsroomRepository repository;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final ScheduleProperties settings;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "due-articles");
        t.setDaemon(true);
        return t;
    });

    private volatile ScheduledFuture<?> task;

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
     * Handles every article that has fallen due and was not handled yet; answers how many (0 too when another instance
     * is checking at this moment).
     */
    int check() {
        Integer handled = transactions.execute(status -> {
            if (!repository.tryLockDueCheck()) {
                return 0;
            }
            List<DueArticle> due = repository.dueArticles(settings.lookback());
            for (DueArticle article : due) {
                repository.audit(ACTOR, DUE_ACTION, "Article", article.id(), article.version());
                events.publishEvent(ContentChanged.article(article.id(), true));
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
    public void start() {
        long every = Math.max(10, settings.checkEvery().toMillis());
        task = timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && !timer.isShutdown();
    }
}
