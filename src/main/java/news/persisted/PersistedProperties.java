package news.persisted;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of parsed and persisted documents. Both caches are bounded by an estimate of the memory they hold, in
 * bytes, never by a number of entries: a client chooses how long its texts are.
 *
 * @param parsedCacheBytes bound of the parsed and validated documents kept: each weighs its text (2 bytes a
 *        character) plus about 100 bytes for each node of its syntax tree (a page-sized query of 2,000 characters
 *        and 300 nodes weighs about 35 KB, so the default keeps about 1,900 of them)
 * @param registeredCacheBytes bound of the automatic persisted queries (hash to text) kept in memory, in front of
 *        the shared store ({@code store}); each weighs its text and hash (2 bytes a character) plus 200 bytes
 * @param maxRegisteredLength longest text, in characters, that may be registered as an automatic persisted query;
 *        a longer one is refused with {@code PERSISTED_QUERY_TOO_LARGE}, neither registered nor run
 * @param trustedOnly when true only the operations of the manifests in {@code trustedDocuments} run, by hash or by
 *        their exact text; anything else is refused with {@code PERSISTED_QUERY_NOT_IN_LIST}
 * @param trustedDocuments where the manifests are: every {@code *.json} file there (Apollo's persisted query
 *        manifest format) is loaded at start, and a manifest whose id is not the SHA-256 of its body stops the start
 * @param store the registrations kept in PostgreSQL for every instance
 */
@ConfigurationProperties("news.persisted")
record PersistedProperties(
        @DefaultValue("67108864") long parsedCacheBytes,
        @DefaultValue("33554432") long registeredCacheBytes,
        @DefaultValue("50000") int maxRegisteredLength,
        @DefaultValue("false") boolean trustedOnly,
        @DefaultValue("classpath:trusted-documents/") String trustedDocuments,
        @DefaultValue Store store) {

    /**
     * The automatic persisted queries kept in PostgreSQL (table {@code persisted_query}), so that a hash registered on
     * one instance is answered by every instance and after restarts. The in-memory cache stays in front: a hash found
     * there costs no statement; one missing there costs one read by primary key. Writes are best-effort: when
     * PostgreSQL is down, registrations stay in memory only and hash-only requests that miss in memory get
     * {@code PersistedQueryNotFound}.
     *
     * @param enabled whether registrations are stored and looked up in PostgreSQL; when false each instance knows only
     *        what it registered itself since it started
     * @param maxRows most registrations kept; beyond it the least recently used are dropped by the eviction
     * @param maxBytes most bytes of text (UTF-8) kept; beyond it the least recently used are dropped by the eviction
     * @param touchEvery how precisely "last used" is kept: a hash used again is written at most once per this period
     *        (by each instance, in batches), never on every request
     * @param touchFlushEvery how often each instance writes the hashes it used (one statement for all of them)
     * @param evictEvery how often an instance drops the registrations beyond {@code maxRows} and {@code maxBytes};
     *        only one instance at a time does (a PostgreSQL advisory lock), the others skip that round
     * @param notFoundFor how long a hash that PostgreSQL did not have is answered {@code PersistedQueryNotFound}
     *        without asking again (per instance; a registration on this instance ends it at once)
     * @param lookupsPerSecond most lookups per second, per instance, of hashes that turn out to be unknown; beyond it
     *        unknown hashes are answered {@code PersistedQueryNotFound} without a lookup, so random hashes cannot
     *        keep PostgreSQL busy (lookups that find their hash are not limited)
     */
    record Store(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10000") long maxRows,
            @DefaultValue("67108864") long maxBytes,
            @DefaultValue("1h") Duration touchEvery,
            @DefaultValue("1m") Duration touchFlushEvery,
            @DefaultValue("10m") Duration evictEvery,
            @DefaultValue("10s") Duration notFoundFor,
            @DefaultValue("20") int lookupsPerSecond) {}
}
