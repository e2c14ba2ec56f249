/**
 * Unique readers: how many distinct visitors read an article, a section (with its subsections), a reporter or the
 * site in a range of hours. An article's readers are counted exactly from the (article, slot, visitor) keys that
 * ingestion keeps in {@code article_readers} for {@code news.analytics.readers.exact-retention}; everything else, and
 * an article's readers over older ranges, is estimated by unions of hourly HLL sketches ({@link
 * news.analytics.readers.ReaderSketch}) in {@code reader_sketch_hourly}: each instance folds the keys its flushes
 * inserted ({@link news.analytics.readers.InsertedReaders}, told by ingestion) into sketches of its own, which
 * {@code SketchBuilder} merges into that instance's rows in the background, and readers merge the rows of all
 * instances; an hour whose rows do not account for all of its keys is rebuilt from them by whichever instance holds
 * the lock. Only the repository uses jOOQ.
 * <p>
 * Public: {@link news.analytics.readers.Readers}, which {@code ranking} and {@code report} ask, and
 * {@link news.analytics.readers.InsertedReaders}, which ingestion tells of the keys each flush inserted. It uses nothing of
 * {@code ingest}, {@code ranking} or {@code report}.
 */
package news.analytics.readers;
