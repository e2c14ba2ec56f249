package news.analytics.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The section rollups (see docs/analytics.md, "Section rollups"): per-section and per-reporter sums of closed hours that
 * the editors' site-, section- and reporter-wide figures read instead of one row per article and hour.
 *
 * @param enabled whether this instance writes rollups (reads use them whenever they exist)
 * @param interval pause between two rounds; each round, one instance (an advisory lock) rolls up the hours closed since
 *     the last round and rewrites those of the {@code recheck} period whose per-article totals changed since
 * @param recheck how far back each round compares the rollups with the per-article tables, for views written late (a
 *     spool replayed after an outage); views written later than this into older hours stay out of the rollups
 * @param chunk most hours one round adds, so the first rounds on a large database fill the rollups in steps
 */
@ConfigurationProperties("news.analytics.rollups")
public record RollupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("48h") Duration recheck,
        @DefaultValue("7d") Duration chunk) {}
