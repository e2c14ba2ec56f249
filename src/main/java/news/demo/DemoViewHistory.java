package news.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plausible view history for the demo newsroom, so the popular lists are not empty on first start: hourly buckets
 * for the last 30 days, starting at each article's publish time, decaying from there, busier in the newsroom zone's
 * daytime, and with higher, longer-lasting peaks for the hit articles. Drawn from a fixed seed, so every first start
 * looks the same relative to its own time.
 */
final class DemoViewHistory {

    private static final Duration HISTORY = Duration.ofDays(30);

    private DemoViewHistory() {}

    /** An article as loaded: its key, publish time and whether it is a hit. */
    record Loaded(long id, OffsetDateTime publishedAt, boolean hit) {}

    /** Writes the history of all loaded articles in one statement; returns the number of views written. */
    static long write(DemoRepository repository, List<Loaded> articles, OffsetDateTime now, ZoneId zone) {
        Random random = new Random(20231122L);
        OffsetDateTime first = now.minus(HISTORY).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime last = now.truncatedTo(ChronoUnit.HOURS);
        List<Long> ids = new ArrayList<>();
        List<Long> hours = new ArrayList<>();
        List<Long> views = new ArrayList<>();
        long total = 0;
        for (Loaded article : articles) {
            double peak = article.hit() ? 900 : 60 + random.nextInt(120);
            double decayHours = article.hit() ? 40 : 10 + random.nextInt(20);
            OffsetDateTime start = article.publishedAt().truncatedTo(ChronoUnit.HOURS);
            for (OffsetDateTime h = start.isBefore(first) ? first : start; !h.isAfter(last); h = h.plusHours(1)) {
                double age = Duration.between(article.publishedAt(), h).toMinutes() / 60.0;
                int localHour = h.atZoneSameInstant(zone).getHour();
                double daytime = localHour < 5 ? 0.25 : localHour < 7 ? 0.6 : 1.0;
                double expected = peak * Math.exp(-Math.max(age, 0) / decayHours) * daytime + 0.4;
                long n = Math.round(expected * (0.7 + 0.6 * random.nextDouble()));
                if (n > 0) {
                    ids.add(article.id());
                    hours.add(h.toEpochSecond());
                    views.add(n);
                    total += n;
                }
            }
        }
        repository.addHourlyViews(ids.toArray(Long[]::new), hours.toArray(Long[]::new), views.toArray(Long[]::new));
        return total;
    }
}
