package news.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Node;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * <p>Registered texts are kept in memory in front of a {@link DocumentStore} shared by all instances: a hash found in
 * memory is answered without any statement; one missing there is looked up in the store (and kept in memory when
 * found); one missing in both is {@code PersistedQueryNotFound}. Only texts whose hash matches and that parsed and
 * validated are registered, and a text registered already in memory is not written again.
 *
 * <p>A text sent with a hash (to be registered) is refused with {@code PERSISTED_QUERY_TOO_LARGE} when it is longer
 * than {@code news.persisted.max-registered-length}. Both caches are bounded in bytes (see {@link PersistedProperties}).
 *
 * <p>Parsed documents are kept by text only when they have no errors: a client cannot fill the cache with texts that
 * fail, and a valid text is the same document for every request (variables are applied later, at execution).
 */
final class PersistedDocuments implements PreparsedDocumentProvider {

    private final Cache<String, PreparsedDocumentEntry> parsed;

    private final Cache<String, String> registered;

    private final TrustedDocuments trusted;

    private final int maxRegisteredLength;

    private final DocumentStore store;

    PersistedDocuments(PersistedProperties settings, TrustedDocuments trusted, DocumentStore store) {
        // Both caches are bounded by the bytes they hold, estimated when an entry is put: a client chooses how long
        // its texts are, so a bound by entries would let a few thousand huge texts exhaust the heap.
        this.parsed = Caffeine.newBuilder()
                .maximumWeight(settings.parsedCacheBytes())
                .weigher((String text, PreparsedDocumentEntry entry) -> parsedWeight(text, entry))
                .recordStats()
                .build();
        this.registered = Caffeine.newBuilder()
                .maximumWeight(settings.registeredCacheBytes())
                .weigher((String hash, String text) -> registeredWeight(hash, text))
                .recordStats()
                .build();
        this.maxRegisteredLength = settings.maxRegisteredLength();
        this.trusted = settings.trustedOnly() ? trusted : null;
        this.store = store;
    }

    /** What a cache entry costs besides its strings: the cache's node, the map's node, object headers. */
    static final int ENTRY_OVERHEAD_BYTES = 200;

    /** What one node of a syntax tree holds on the heap, rounded up (measured: about 70 bytes). */
    static final int NODE_BYTES = 100;

    /** A registered text: its hash and its text at 2 bytes a character, and the entry. */
    static int registeredWeight(String hash, String text) {
        return saturated(2L * hash.length() + 2L * text.length() + ENTRY_OVERHEAD_BYTES);
    }

    /** A parsed document: its text (the key) at 2 bytes a character, every node of its tree, and the entry. */
    static int parsedWeight(String text, PreparsedDocumentEntry entry) {
        long nodes = entry.getDocument() == null ? 0 : nodes(entry.getDocument());
        return saturated(2L * text.length() + NODE_BYTES * nodes + ENTRY_OVERHEAD_BYTES);
    }

    private static int saturated(long weight) {
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }

    /** The nodes of a syntax tree (the parser bounds them by its token limit). */
    static long nodes(Node<?> root) {
        long count = 0;
        Deque<Node<?>> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            Node<?> node = open.pop();
            count++;
            for (Node<?> child : node.getChildren()) {
                open.push(child);
            }
        }
        return count;
    }

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
            if (known != null) {
                store.used(hash);
            } else {
                known = store.find(hash);
                if (known == null) {
                    return done(DocumentErrors.PERSISTED_QUERY_NOT_FOUND.entry());
                }
                registered.put(hash, known);
            }
            return done(parse(known, input, parseAndValidate));
        }
        if (text.length() > maxRegisteredLength) {
            // Refused before it is hashed or parsed: nothing is registered, nothing runs.
            return done(DocumentErrors.tooLarge(maxRegisteredLength));
        }
        if (!Sha256.hex(text).equals(hash)) {
            return done(DocumentErrors.PERSISTED_QUERY_HASH_MISMATCH.entry());
        }
        PreparsedDocumentEntry entry = parse(text, input, parseAndValidate);
        if (!entry.hasErrors()) {
            if (text.equals(registered.getIfPresent(hash))) {
                store.used(hash);
            } else {
                registered.put(hash, text);
                store.save(hash, text);
            }
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
