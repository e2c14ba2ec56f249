package news.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A check run every interval on a daemon thread of its own, started and stopped with its owner's lifecycle (a stopped
 * context, as tests pause them, stops it; starting again is allowed). A check that throws is retried at the next
 * round; a run of failures is logged once when it begins and once when it ends, not every round.
 */
public final class PeriodicCheck {

    private final String threadName;

    private final String what;

    private final Duration every;

    private final Runnable check;

    private final Logger log;

    private ScheduledExecutorService timer;

    private volatile boolean failing;

    /**
     * @param threadName the thread's name
     * @param what what is checked, for the log ("alerts": "Could not check for alerts (retrying)")
     * @param every the pause between the end of one check and the start of the next (at least 10 ms)
     * @param check the check
     * @param log where failures and recoveries are logged
     */
    public PeriodicCheck(String threadName, String what, Duration every, Runnable check, Logger log) {
        this.threadName = threadName;
        this.what = what;
        this.every = every;
        this.check = check;
        this.log = log;
    }

    public synchronized void start() {
        start(every);
    }

    /** Starts the rounds, the first after {@code first} (zero: at once), the others {@code every} apart. */
    public synchronized void start(Duration first) {
        if (timer != null) {
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, every.toMillis());
        t.scheduleWithFixedDelay(this::runQuietly, Math.max(0, first.toMillis()), millis, TimeUnit.MILLISECONDS);
        timer = t;
    }

    /** Stops the rounds, waiting up to 5 s for one that is running. */
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

    public synchronized boolean isRunning() {
        return timer != null;
    }

    private void runQuietly() {
        try {
            check.run();
            if (failing) {
                log.info("Checking for {} again", what);
                failing = false;
            }
        } catch (RuntimeException ex) {
            if (!failing) {
                log.warn("Could not check for {} (retrying): {}", what, ex.toString());
                failing = true;
            }
        }
    }
}
