package news.analytics.readers;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The distinct-count sketch of readers: Apache DataSketches HLL with {@value #LG_K} (K = 4096 registers), kept in the
 * compact HLL_4 form. Its relative standard error is 1.04 / sqrt(K) = {@value #RELATIVE_STANDARD_ERROR}, so an
 * estimate is within {@value #BOUND_95} of the true count 95 % of the time (two standard errors), for one hour or a
 * union of any number of hours and scopes. Small sets are kept exactly (list and set mode) until they grow past a few
 * hundred visitors. A dense sketch takes about 2 KB.
 */
public final class ReaderSketch {

    /** Log2 of the number of registers. */
    public static final int LG_K = 12;

    /** 1.04 / sqrt(2^12). */
    public static final double RELATIVE_STANDARD_ERROR = 0.01625;

    /** Two standard errors: the 95 % bound of an estimate's relative error. */
    public static final double BOUND_95 = 0.0325;

    private static final TgtHllType TYPE = TgtHllType.HLL_4;

    private HllSketch sketch = new HllSketch(LG_K, TYPE);

    private final long[] key = new long[2];

    private long rows;

    /** Adds a visitor, a 128-bit key. */
    public void add(long hi, long lo) {
        key[0] = hi;
        key[1] = lo;
        sketch.update(key);
        rows++;
    }

    /** How many keys were added, repeats included. */
    public long rows() {
        return rows;
    }

    public byte[] toBytes() {
        return sketch.toCompactByteArray();
    }

    /** Adds the visitors (and the count of keys) of another sketch. */
    public void addAll(ReaderSketch other) {
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TYPE);
        rows += other.rows;
    }

    /** The estimate of distinct visitors added. */
    public long estimate() {
        return Math.round(sketch.getEstimate());
    }

    /** A union of stored sketches. */
    public static final class Merged {

        private final Union union = new Union(LG_K);

        private boolean empty = true;

        private long rows;

        public void add(byte[] stored) {
            union.update(HllSketch.heapify(stored));
            empty = false;
        }

        /** Adds a stored sketch and the keys it was built from. */
        void add(byte[] stored, long sourceRows) {
            add(stored);
            rows += sourceRows;
        }

        /** Adds a sketch being built, and the keys added to it. */
        void add(ReaderSketch sketch) {
            union.update(sketch.sketch);
            empty = false;
            rows += sketch.rows;
        }

        /** Keys of the sketches added with their counts. */
        long rows() {
            return rows;
        }

        /** The union in the stored form. */
        byte[] toBytes() {
            return union.getResult(TYPE).toCompactByteArray();
        }

        public void add(Merged other) {
            if (!other.empty) {
                union.update(other.union.getResult(TYPE));
                empty = false;
            }
        }

        /** Estimated distinct visitors of all sketches added; 0 when none was. */
        public long estimate() {
            return empty ? 0 : Math.round(union.getEstimate());
        }
    }
}
