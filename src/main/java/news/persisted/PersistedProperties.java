package news.persisted;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of parsed and persisted documents. Both caches are bounded by an estimate of the memory they hold, in
 * bytes, never by a number of entries: a client chooses how long its texts are.
 *
 * @param parsedCacheBytes bound of the parsed and validated documents kept: each weighs its text (2 bytes a
 *        character) plus about 100 bytes for each node of its syntax tree (a page-sized query of 2,000 characters
 *        and 300 nodes weighs about 35 KB, so the default keeps about 1,900 of them)
 * @param registeredCacheBytes bound of the automatic persisted queries (hash to text) kept; each weighs its text and
 *        hash (2 bytes a character) plus 200 bytes. Per instance, in memory: a client whose hash was dropped (or
 *        registered on another instance) gets {@code PersistedQueryNotFound} and sends the text once more, which is
 *        what the protocol provides for
 * @param maxRegisteredLength longest text, in characters, that may be registered as an automatic persisted query;
 *        a longer one is refused with {@code PERSISTED_QUERY_TOO_LARGE}, neither registered nor run
 * @param trustedOnly when true only the operations of the manifests in {@code trustedDocuments} run, by hash or by
 *        their exact text; anything else is refused with {@code PERSISTED_QUERY_NOT_IN_LIST}
 * @param trustedDocuments where the manifests are: every {@code *.json} file there (Apollo's persisted query
 *        manifest format) is loaded at start, and a manifest whose id is not the SHA-256 of its body stops the start
 */
@ConfigurationProperties("news.persisted")
record PersistedProperties(
        @DefaultValue("67108864") long parsedCacheBytes,
        @DefaultValue("33554432") long registeredCacheBytes,
        @DefaultValue("50000") int maxRegisteredLength,
        @DefaultValue("false") boolean trustedOnly,
        @DefaultValue("classpath:trusted-documents/") String trustedDocuments) {}
