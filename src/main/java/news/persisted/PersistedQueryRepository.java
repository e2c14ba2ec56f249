package news.persisted;

import java.util.Collection;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * The automatic persisted queries every instance registered, in {@code persisted_query}: hash to document text, with
 * its size in UTF-8 bytes and when it was last used (touched in batches, at most about once an hour per hash).
 */
@Repository
class PersistedQueryRepository {

    /** Only the instance that holds it evicts; the others skip that round. */
    static final long EVICTION_LOCK = 0x6e6577735f7051L;

    private static final String FIND = "select document from persisted_query where hash = ?";

    private static final String SAVE = """
            insert into persisted_query (hash, document, bytes) values (?, ?, octet_length(?))
            on conflict (hash) do nothing
            """;

    /** Hashes used since the last touch; a row touched within {@code touchEvery} is not written again. */
    private static final String TOUCH = """
            update persisted_query set last_used = now()
            where hash = any (?::char(64)[]) and last_used < now() - cast(? as interval)
            """;

    /*
     * Keeps the most recently used rows within both bounds: rows are ranked by last use (newest first), and a row is
     * deleted when its rank exceeds maxRows or the bytes of it and every newer row exceed maxBytes.
     */
    private static final String EVICT = """
            delete from persisted_query where hash in (
                select hash from (
                    select hash,
                           row_number() over (order by last_used desc, hash) as n,
                           sum(bytes) over (order by last_used desc, hash) as total
                    from persisted_query
                ) ranked
                where n > ? or total > ?
            )
            """;

    private final DSLContext dsl;

    PersistedQueryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The text registered under {@code hash}, or null: one read by primary key. */
    String find(String hash) {
        Record row = dsl.fetchOne(FIND, hash);
        return row == null ? null : row.get("document", String.class);
    }

    /** Stores a registration; a hash stored already is left as it is (its text is the same, by its hash). */
    void save(String hash, String document) {
        dsl.execute(SAVE, hash, document, document);
    }

    /** Marks {@code hashes} used now, skipping rows marked within {@code touchEverySeconds}; answers rows written. */
    int touch(Collection<String> hashes, long touchEverySeconds) {
        if (hashes.isEmpty()) {
            return 0;
        }
        return dsl.execute(TOUCH, hashes.toArray(String[]::new), touchEverySeconds + " seconds");
    }

    /**
     * Drops the least recently used rows beyond {@code maxRows} rows and {@code maxBytes} bytes of text, under a
     * transaction-scoped advisory lock; answers how many were dropped, or -1 when another instance holds the lock.
     */
    int evict(long maxRows, long maxBytes) {
        return dsl.transactionResult(tx -> {
            Boolean locked = tx.dsl()
                    .fetchOne("select pg_try_advisory_xact_lock(?) as locked", EVICTION_LOCK)
                    .get("locked", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return -1;
            }
            return tx.dsl().execute(EVICT, maxRows, maxBytes);
        });
    }

    /** Rows and bytes of text stored, for the metrics and the tests. */
    long[] size() {
        Record row = dsl.fetchOne(
                "select count(*) as stored_rows, coalesce(sum(bytes), 0) as stored_bytes" + " from persisted_query");
        return new long[] {row.get("stored_rows", Long.class), row.get("stored_bytes", Long.class)};
    }
}
