package news.analytics.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.analytics.AnalyticsProperties;
import news.content.InstanceMessages;
import news.support.PeriodicCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises the alerts. Every {@code news.analytics.alerts.interval} each instance tries to check; the one that takes the
 * PostgreSQL advisory lock (for its transaction) measures every recent article with readers against its threshold (the
 * rule: {@link AnalyticsProperties.Alerts}), and in the same transaction records the crossings as alerts, updates the
 * articles' states and queues instance messages with the alerts' ids; the others skip the round. So an alert is raised once,
 * whichever instances run, and a check that fails raises nothing (the next one measures again). After the commit the
 * raising instance hands its alerts to its own subscribers and to the webhook; the other instances' subscribers get
 * them from the message ({@link AlertFeed}).
 *
 * <p>Per article: without a state, a rate at or over the threshold raises SPIKE and makes it high. A high article whose
 * rate falls below {@code fall-below} times its threshold (or which has no readers in the measured minutes any more) is
 * no longer high; a later crossing raises BACK_RISING. While high, a rate of {@code still-rising-factor} times the rate
 * of its last alert raises STILL_RISING. Nothing else raises anything, so a story that stays high raises one alert, not
 * one per check.
 */
@Component
class AlertChecker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertChecker.class);

    private final AlertRepository repository;

    private final TransactionTemplate transactions;

    private final InstanceMessages messages;

    private final AlertFeed feed;

    private final AlertWebhook webhook;

    private final Clock clock;

    private final AnalyticsProperties.Alerts settings;

    /** The sections' peaks, kept between checks; only the check's thread uses them. */
    private final SectionPeaks peaks = new SectionPeaks();

    private final PeriodicCheck checks;

    AlertChecker(
            AlertRepository repository,
            PlatformTransactionManager transactionManager,
            InstanceMessages messages,
            AlertFeed feed,
            AlertWebhook webhook,
            Clock clock,
            AnalyticsProperties properties) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.messages = messages;
        this.feed = feed;
        this.webhook = webhook;
        this.clock = clock;
        this.settings = properties.alerts();
        this.checks = new PeriodicCheck("analytics-alerts", "alerts", settings.interval(), this::check, log);
    }

    /** One check; answers the alerts it raised (none when another instance holds the lock). */
    List<Alert> check() {
        Instant now = clock.instant();
        List<Alert> raised = transactions.execute(status -> {
            if (!repository.tryLock()) {
                return List.<Alert>of();
            }
            return checkLocked(now);
        });
        List<Alert> alerts = raised == null ? List.of() : raised;
        for (Alert alert : alerts) {
            log.info(
                    "Alert {} {}: article {} at {} readers per minute (threshold {})",
                    alert.id(),
                    alert.kind(),
                    alert.articleId(),
                    alert.readersPerMinute(),
                    alert.threshold());
            feed.raised(alert);
            webhook.send(alert);
        }
        return alerts;
    }

    private List<Alert> checkLocked(Instant now) {
        Instant currentMinute = Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), 60L));
        Instant publishedAfter = now.minus(settings.recent());
        repository.forgetStatesBefore(publishedAfter);
        repository.dropAlertsBefore(now.minus(settings.historyRetention()));
        Map<Long, AlertRepository.State> states = repository.states();
        List<AlertRepository.Raising> raising = new ArrayList<>();
        List<AlertRepository.State> changed = new ArrayList<>();
        List<AlertRepository.Measured> measured =
                repository.measure(currentMinute, Math.max(1, settings.minutes()), now, publishedAfter);
        peaks.refresh(
                measured.stream().map(AlertRepository.Measured::sectionId).toList(),
                now,
                settings.thresholdRefresh(),
                settings.history(),
                repository::peaks);
        for (AlertRepository.Measured m : measured) {
            double threshold = peaks.threshold(
                    m.sectionId(), m.articleId(), settings.percentile(), settings.minReadersPerMinute());
            AlertRepository.State state = states.remove(m.articleId());
            boolean over = m.readersPerMinute() >= threshold;
            AlertKind kind = null;
            if (state == null) {
                kind = over ? AlertKind.SPIKE : null;
            } else if (!state.high()) {
                kind = over ? AlertKind.BACK_RISING : null;
            } else if (m.readersPerMinute() < settings.fallBelow() * threshold) {
                changed.add(new AlertRepository.State(m.articleId(), false, state.rate()));
            } else if (over
                    && settings.stillRisingFactor() > 0
                    && m.readersPerMinute() >= settings.stillRisingFactor() * state.rate()) {
                kind = AlertKind.STILL_RISING;
            }
            if (kind != null) {
                raising.add(new AlertRepository.Raising(kind, m.articleId(), m.readersPerMinute(), threshold));
                changed.add(new AlertRepository.State(m.articleId(), true, m.readersPerMinute()));
            }
        }
        // High articles without readers in the measured minutes have fallen.
        for (AlertRepository.State state : states.values()) {
            if (state.high()) {
                changed.add(new AlertRepository.State(state.articleId(), false, state.rate()));
            }
        }
        // However many articles cross at once (a push notification, a link from a big site), a check writes its
        // alerts in one statement, the states in one, and tells the other instances in a message per few hundred.
        List<Alert> raised = repository.insert(raising, now);
        repository.saveStates(changed, now);
        for (int from = 0; from < raised.size(); from += AlertFeed.IDS_PER_MESSAGE) {
            messages.send(
                    AlertFeed.TOPIC,
                    AlertFeed.idsMessage(
                            raised.subList(from, Math.min(raised.size(), from + AlertFeed.IDS_PER_MESSAGE))));
        }
        return raised;
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            checks.start();
        }
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
