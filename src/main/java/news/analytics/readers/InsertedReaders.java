package news.analytics.readers;

import java.util.HashMap;
import java.util.Map;
import news.analytics.TimeRange;
import org.springframework.stereotype.Component;

/**
 * The reader keys this instance's flushes inserted into {@code article_readers} since its sketches were last written,
 * folded as they come into one sketch per hour (UTC, of the key's dedupe slot) for the site and one per article.
 * {@code SketchBuilder} takes them every {@code news.analytics.readers.sketch-interval}, derives the sections' and
 * reporters' sketches from the articles', and merges them into this instance's rows of {@code reader_sketch_hourly}.
 * A key is inserted by exactly one instance, so no key is folded twice across instances. Memory: one sketch per
 * article read since the last write (a few hundred bytes for few readers, about 2 KB at most).
 */
@Component
public class InsertedReaders {

    /** What one hour received since the last write. */
    static final class Hour {

        final ReaderSketch site = new ReaderSketch();

        final Map<Long, ReaderSketch> articles = new HashMap<>();

        void add(long articleId, long hi, long lo) {
            site.add(hi, lo);
            articles.computeIfAbsent(articleId, a -> new ReaderSketch()).add(hi, lo);
        }

        void addAll(Hour other) {
            site.addAll(other.site);
            other.articles.forEach((article, sketch) -> {
                ReaderSketch mine = articles.get(article);
                if (mine == null) {
                    articles.put(article, sketch);
                } else {
                    mine.addAll(sketch);
                }
            });
        }
    }

    private Map<Long, Hour> hours = new HashMap<>();

    /** A key the flush inserted: the article, the dedupe slot's start (epoch seconds) and the visitor. */
    public synchronized void add(long articleId, long slot, long hi, long lo) {
        hours.computeIfAbsent(slot - Math.floorMod(slot, TimeRange.HOUR), h -> new Hour())
                .add(articleId, hi, lo);
    }

    /** Takes what was folded since the last call, by hour (epoch seconds). */
    synchronized Map<Long, Hour> drain() {
        Map<Long, Hour> drained = hours;
        hours = new HashMap<>();
        return drained;
    }

    /** Gives back hours whose write failed, to be written with the next. */
    synchronized void putBack(Map<Long, Hour> failed) {
        failed.forEach((hour, folded) -> {
            Hour mine = hours.get(hour);
            if (mine == null) {
                hours.put(hour, folded);
            } else {
                mine.addAll(folded);
            }
        });
    }

    /** Whether nothing waits to be written. */
    synchronized boolean isEmpty() {
        return hours.isEmpty();
    }
}
