package news.persisted;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of parsed and persisted documents.
 *
 * @param parsedCacheChars bound of the parsed and validated documents kept, as the summed length of their texts
 *        plus 2,000 per document (about 4,000 documents of page size)
 * @param registeredCacheSize most automatic persisted queries (hash to text) kept; per instance, in memory: a client
 *        whose hash was dropped (or registered on another instance) gets {@code PersistedQueryNotFound} and sends the
 *        text once more, which is what the protocol provides for
 * @param trustedOnly when true only the operations of the manifests in {@code trusted-documents} run, by hash or by
 *        their exact text; anything else is refused with {@code PERSISTED_QUERY_NOT_IN_LIST}
 * @param trustedDocuments where the manifests are: every {@code *.json} file there (Apollo's persisted query
 *        manifest format) is loaded at start, and a manifest whose id is not the SHA-256 of its body stops the start
 */
@ConfigurationProperties("news.persisted")
record PersistedProperties(
        @DefaultValue("8000000") long parsedCacheChars,
        @DefaultValue("10000") int registeredCacheSize,
        @DefaultValue("false") boolean trustedOnly,
        @DefaultValue("classpath:trusted-documents/") String trustedDocuments) {}
