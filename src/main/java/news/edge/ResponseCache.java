package news.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import news.analytics.ranking.RankingsChanged;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The origin's own copy of public GET answers, so a repeated anonymous query (and its 304) costs no execution. An
 * entry is the serialized body with its headers and surrogate keys, kept for the {@code max-age} its
 * {@code Cache-Control} states: every content change this instance acts on ({@link news.content.AfterCommit}: its own
 * writes after the commit, scheduled articles falling due, and other instances' by notification) drops the entries
 * naming a key it affects, the keys the CDN purge names ({@link CommittedChange#keys()}, read once per change by
 * {@link PurgeKeys}, scheme in {@link SurrogateKeys}: null answers and searches carry keys too), in the
 * {@link AfterCommitStep.Stage#RESPONSES} stage: after the other caches have dropped what changed, before the purge
 * goes out; "everything changed" drops all, and a recomputed ranking drops the answers with that list. While the
 * instance is not hearing other instances' changes nothing is served or kept. It is bounded in bytes
 * ({@code news.edge.response-cache.max-bytes}): each entry weighs its body, headers, keys and request key.
 *
 * <p>An execution that began before a drop never stores its answer (a generation count): one that read the old state
 * (of the database or of the other caches) either stored its answer before the drop, which removes it by its keys, or
 * tries after it and is refused. A drop looks at every entry's keys rather than keeping an index by key: drops come
 * with writes and ranking refreshes, not with reads, and there is no second structure that concurrent stores,
 * replacements and expiries could leave out of step.
 */
final class ResponseCache implements AfterCommitStep {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    /** What makes two GETs the same: document (or its hash when sent alone), operation, variables, extensions. */
    record Key(String document, String operationName, String variables, String extensions, String mediaType) {

        int weight() {
            return length(document) + length(operationName) + length(variables) + length(extensions) + 64;
        }

        private static int length(String text) {
            return text == null ? 0 : text.length() * 2;
        }
    }

    /** A stored answer: its body, the headers it was sent with, its surrogate keys, and how long it may be kept. */
    record Entry(byte[] body, MediaType mediaType, HttpHeaders headers, String etag, Set<String> keys, long seconds) {

        /**
         * About the bytes it holds: the body, every header name and value (the surrogate keys among them, which grow
         * with the answer), the keys again as a set, and a fixed allowance for the objects around them.
         */
        int weight() {
            long bytes = body.length + 256L;
            for (Map.Entry<String, List<String>> header : headers.headerSet()) {
                bytes += 48 + 2L * header.getKey().length();
                for (String value : header.getValue()) {
                    bytes += 40 + 2L * value.length();
                }
            }
            for (String key : keys) {
                bytes += 56 + 2L * key.length();
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }

    private final boolean enabled;

    private final ContentChanges changes;

    private final Cache<Key, Entry> entries;

    private final AtomicLong generation = new AtomicLong();

    ResponseCache(EdgeProperties.ResponseCaching settings, ContentChanges changes) {
        this.enabled = settings.enabled();
        this.changes = changes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((Key key, Entry entry) ->
                        (int) Math.min(Integer.MAX_VALUE, (long) key.weight() + entry.weight()))
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
                        return java.util.concurrent.TimeUnit.SECONDS.toNanos(entry.seconds());
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    /** Whether answers may be served and kept now. */
    boolean usable() {
        return enabled && changes.listening();
    }

    /** The generation to hand to {@link #put} for an execution starting now. */
    long generation() {
        return generation.get();
    }

    Entry get(Key key) {
        return usable() ? entries.getIfPresent(key) : null;
    }

    /** Keeps the answer unless something was dropped since {@code startedIn}. */
    void put(Key key, Entry entry, long startedIn) {
        if (!usable() || entry.seconds() <= 0 || generation.get() != startedIn) {
            return;
        }
        entries.put(key, entry);
        // A drop that began meanwhile may have looked before this entry was there.
        if (generation.get() != startedIn) {
            entries.invalidate(key);
        }
    }

    /** Drops every answer naming one of {@code keys}. */
    void drop(Collection<String> keys) {
        generation.incrementAndGet();
        if (keys.contains(PublicAnswer.ALL)) {
            entries.invalidateAll();
            return;
        }
        entries.asMap().values().removeIf(entry -> !Collections.disjoint(entry.keys(), keys));
    }

    long size() {
        return entries.estimatedSize();
    }

    @Override
    public Stage stage() {
        return Stage.RESPONSES;
    }

    /** The other caches have dropped what changed, so what is read from now on is current. */
    @Override
    public void apply(CommittedChange change) {
        List<String> keys;
        try {
            keys = change.keys();
        } catch (RuntimeException ex) {
            log.warn("Response cache dropped whole for {}: {}", change.change(), ex.toString());
            keys = List.of(PublicAnswer.ALL);
        }
        drop(keys);
    }

    @EventListener
    void rankingsChanged(RankingsChanged change) {
        drop(List.of(SurrogateKeys.list(change.list())));
    }
}
