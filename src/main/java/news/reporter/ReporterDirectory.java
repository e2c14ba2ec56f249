package news.reporter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import org.springframework.stereotype.Service;

/**
 * Reporters by id, kept in memory for a short while: every listed article shows its byline, a newsroom has a few
 * thousand reporters, and they change rarely. A statement that lists articles then reads only the ids of each
 * byline. A reporter change announced by the newsroom drops that reporter: on this instance after the commit, on the
 * others when the PostgreSQL notification arrives (see {@code news.content}); {@link #MAX_AGE} bounds the rest.
 */
@Service
public class ReporterDirectory implements AfterCommitStep {

    /**
     * How long a reporter is kept: what bounds a change nobody announced (written by hand, or while the instance was
     * reconnecting its listener). Longer ages would save little; shorter ones read reporters again often on a busy
     * front page (a newsroom's thousand reporters every age).
     */
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final ReporterRepository repository;

    private final Cache<Long, Reporter> reporters;

    ReporterDirectory(ReporterRepository repository) {
        this.repository = repository;
        this.reporters = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(MAX_AGE)
                .build();
    }

    /** The reporters of a byline in its order; ids that name no reporter (any more) are left out. */
    public List<Reporter> byline(Long[] ids) {
        if (ids == null || ids.length == 0) {
            return List.of();
        }
        return inOrder(ids, reporters.getAll(Arrays.asList(ids), repository::findByIds));
    }

    /**
     * The bylines of a page of articles, from their reporter ids by article: reporters not in memory are read in one
     * statement for the whole page, not one per article.
     */
    public Map<Long, List<Reporter>> bylines(Map<Long, Long[]> idsByArticle) {
        Set<Long> all = new HashSet<>();
        for (Long[] ids : idsByArticle.values()) {
            if (ids != null) {
                all.addAll(Arrays.asList(ids));
            }
        }
        Map<Long, Reporter> found = all.isEmpty() ? Map.of() : reporters.getAll(all, repository::findByIds);
        Map<Long, List<Reporter>> bylines = new HashMap<>();
        idsByArticle.forEach((article, ids) -> bylines.put(article, inOrder(ids, found)));
        return bylines;
    }

    private static List<Reporter> inOrder(Long[] ids, Map<Long, Reporter> found) {
        if (ids == null || ids.length == 0) {
            return List.of();
        }
        List<Reporter> byline = new ArrayList<>(ids.length);
        for (Long id : ids) {
            Reporter reporter = found.get(id);
            if (reporter != null) {
                byline.add(reporter);
            }
        }
        return byline;
    }

    @Override
    public Stage stage() {
        return Stage.CACHES;
    }

    @Override
    public void apply(CommittedChange change) {
        on(change.change());
    }

    void on(ContentChanged change) {
        if (change.kind() == ContentChanged.Kind.ALL) {
            reporters.invalidateAll();
        } else if (change.concerns(ContentChanged.Kind.REPORTER)) {
            reporters.invalidate(change.id());
        }
    }
}
