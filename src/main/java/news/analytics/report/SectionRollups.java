package news.analytics.report;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.analytics.TimeRange;
import news.support.PeriodicCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the section rollups: every {@code news.analytics.rollups.interval} each instance tries; the one that takes the
 * advisory lock extends the covered hours up to the start of the previous hour (an hour is rolled up once it has been
 * over for a whole hour, so views still being flushed at its end are in), at most {@code chunk} at a time from the
 * first hour with views, then compares the last {@code recheck} of them with the per-article tables and rewrites every
 * hour whose views, engaged seconds or views with a source differ. Readers ({@link ReadershipRepository}) take covered
 * hours from the rollups and every other hour from the per-article tables, so a figure never waits for a round.
 */
@Component
class SectionRollups implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SectionRollups.class);

    private final RollupRepository repository;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final RollupProperties settings;

    private final PeriodicCheck rounds;

    SectionRollups(
            RollupRepository repository,
            PlatformTransactionManager transactionManager,
            Clock clock,
            RollupProperties settings) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = settings;
        this.rounds = new PeriodicCheck("section-rollups", "section rollups", settings.interval(), this::round, log);
    }

    /** What a round did: the covered hours after it, and the hours it rewrote because they had changed. */
    record Round(TimeRange covered, List<Long> rewritten) {}

    /** One round; empty when another instance held the lock. */
    Optional<Round> round() {
        return Optional.ofNullable(transactions.execute(status -> repository.tryLock() ? roundLocked() : null));
    }

    private Round roundLocked() {
        long closedEnd = TimeRange.hourOf(clock.instant()) - TimeRange.HOUR;
        TimeRange covered = repository.covered().orElseGet(() -> {
            long first = repository.firstHourWithViews().map(TimeRange::hourOf).orElse(closedEnd);
            return new TimeRange(Math.min(first, closedEnd), Math.min(first, closedEnd));
        });
        long end = Math.min(
                closedEnd,
                covered.end() + Math.max(TimeRange.HOUR, settings.chunk().toSeconds()));
        if (end > covered.end()) {
            repository.roll(new TimeRange(covered.end(), end));
            covered = new TimeRange(covered.start(), end);
        }
        repository.cover(covered);
        TimeRange checked = new TimeRange(
                Math.max(covered.start(), covered.end() - settings.recheck().toSeconds()), covered.end());
        List<Long> changed = List.of();
        if (checked.start() < checked.end()) {
            Map<java.time.Instant, RollupRepository.HourTotals> perArticle = repository.perArticleTotals(checked);
            Map<java.time.Instant, RollupRepository.HourTotals> rolled = repository.rolledTotals(checked);
            java.util.Set<java.time.Instant> hours = new java.util.TreeSet<>(perArticle.keySet());
            hours.addAll(rolled.keySet());
            changed = hours.stream()
                    .filter(h -> !java.util.Objects.equals(perArticle.get(h), rolled.get(h)))
                    .map(java.time.Instant::getEpochSecond)
                    .toList();
            for (long hour : changed) {
                repository.roll(new TimeRange(hour, hour + TimeRange.HOUR));
            }
            if (!changed.isEmpty()) {
                log.info("Section rollups: rewrote {} hour(s) written to after they were rolled up", changed.size());
            }
        }
        return new Round(covered, changed);
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            rounds.start();
        }
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }
}
