/**
 * Unique readers: how many distinct visitors read an article, a section (with its subsections), a reporter or the
 * site in a range of hours. An article's readers are counted exactly from the (article, slot, visitor) keys that
 * ingestion keeps in {@code article_readers} for {@code news.analytics.readers.exact-retention}; everything else, and
 * an article's readers over older ranges, is estimated by unions of hourly HLL sketches ({@link
 * news.analytics.readers.ReaderSketch}) that {@code SketchBuilder} keeps in {@code reader_sketch_hourly}, built in
 * the background by whichever instance holds the lock. Only the repository uses jOOQ.
 * <p>
 * Public: {@link news.analytics.readers.Readers}, which {@code ranking} and {@code report} ask. It uses nothing of
 * {@code ingest}, {@code ranking} or {@code report}.
 */
package news.analytics.readers;
