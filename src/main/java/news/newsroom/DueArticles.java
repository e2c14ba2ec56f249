package news.newsroom;

import java.util.List;
import news.content.ContentChanged;
import news.support.PeriodicCheck;
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

    private final PeriodicCheck checks;

    DueArticles(
            NewsroomRepository repository,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            ScheduleProperties settings) {
        this.repository = repository;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
        this.checks = new PeriodicCheck(
                "due-articles", "scheduled articles falling due", settings.checkEvery(), this::check, log);
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

    @Override
    public void start() {
        checks.start();
    }

    @Override
    public void stop() {
        checks.stop();
    }

    @Override
    public boolean isRunning() {
        return checks.isRunning();
    }
}
