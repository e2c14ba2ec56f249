package news.analytics.ingest;

import java.util.Comparator;

/**
 * Views of one article in one hour (the hour as epoch seconds of its start, UTC), without visitor keys: what spool files
 * of earlier versions hold; they are added as they are.
 */
record HourlyCount(Key key, long views) {

    record Key(long articleId, long hourEpochSecond) {

        static final Comparator<Key> ORDER =
                Comparator.comparingLong(Key::articleId).thenComparingLong(Key::hourEpochSecond);
    }
}
