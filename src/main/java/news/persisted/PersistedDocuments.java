package news.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct document once, and resolves the documents clients name by hash.
 *
 * <p>A request naming {@code extensions.persistedQuery.sha256Hash} without a text is answered from the registered
 * hashes, or with {@code PersistedQueryNotFound}; with a text, the text is registered under the hash once its SHA-256
 * matches and it parses and validates. In trusted-documents mode only the manifests' operations run.
 *
 * <p>Parsed documents are kept by text only when they have no errors: a client cannot fill the cache with texts that
 * fail, and a valid text is the same document for every request (variables are applied later, at execution).
 */
final class PersistedDocuments implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> parsed;

    private final Cache<String, String> registered;

    private final TrustedDocuments trusted;

    PersistedDocuments(PersistedProperties settings, TrustedDocuments trusted) {
        // A parsed document weighs its text plus a fixed share for its syntax tree, so many tiny texts are bounded
        // as well as a few huge ones.
        this.parsed = Caffeine.newBuilder()
                .maximumWeight(settings.parsedCacheChars())
                .weigher((String text, PreparsedDocumentEntry entry) -> text.length() + ENTRY_OVERHEAD)
                .recordStats()
                .build();
        this.registered = Caffeine.newBuilder()
                .maximumSize(settings.registeredCacheSize())
                .build();
        this.trusted = settings.trustedOnly() ? trusted : null;
    }

    /** What a cached document costs besides its text, in characters' worth. */
    private static final int ENTRY_OVERHEAD = 2_000;

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String hash = persistedHash(input.getExtensions());
        String text = input.getQuery();
        boolean textGiven =
                text != null && !text.isEmpty() && !text.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER);
        if (trusted != null) {
            String document = trusted.document(hash != null ? hash : textGiven ? Sha256.hex(text) : null);
            if (document == null || (textGiven && !document.equals(text))) {
                return done(DocumentErrors.PERSISTED_QUERY_NOT_IN_LIST.entry());
            }
            return done(parse(document, input, parseAndValidate));
        }
        if (hash == null) {
            return done(parse(text, input, parseAndValidate));
        }
        if (!textGiven) {
            String known = registered.getIfPresent(hash);
            return done(
                    known == null
                            ? DocumentErrors.PERSISTED_QUERY_NOT_FOUND.entry()
                            : parse(known, input, parseAndValidate));
        }
        if (!Sha256.hex(text).equals(hash)) {
            return done(DocumentErrors.PERSISTED_QUERY_HASH_MISMATCH.entry());
        }
        PreparsedDocumentEntry entry = parse(text, input, parseAndValidate);
        if (!entry.hasErrors()) {
            registered.put(hash, text);
        }
        return done(entry);
    }

    private PreparsedDocumentEntry parse(
            String text, ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        if (text == null) {
            return parseAndValidate.apply(input);
        }
        PreparsedDocumentEntry entry = parsed.getIfPresent(text);
        if (entry != null) {
            return entry;
        }
        entry = parseAndValidate.apply(text.equals(input.getQuery()) ? input : input.transform(b -> b.query(text)));
        if (!entry.hasErrors()) {
            parsed.put(text, entry);
        }
        return entry;
    }

    /** The parsed documents by text, for its metrics. */
    Cache<String, PreparsedDocumentEntry> parsed() {
        return parsed;
    }

    /** The registered persisted queries by hash, for its metrics. */
    Cache<String, String> registered() {
        return registered;
    }

    /** Apollo's {@code {"persistedQuery": {"version": 1, "sha256Hash": "..."}}}, or null. */
    static String persistedHash(Map<String, Object> extensions) {
        if (extensions != null
                && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return hash;
        }
        return null;
    }

    private static CompletableFuture<PreparsedDocumentEntry> done(PreparsedDocumentEntry entry) {
        return CompletableFuture.completedFuture(entry);
    }
}
