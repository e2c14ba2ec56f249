package news.analytics.readers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import news.analytics.TimeRange;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside this package: reader keys written straight into {@code article_readers} (as the flush writes
 * them), then the sketches built as the background job builds them and the cached counts dropped.
 */
public final class ReaderFixtures {

    private final ApplicationContext context;

    private final DSLContext dsl;

    public ReaderFixtures(ApplicationContext context) {
        this.context = context;
        this.dsl = context.getBean(DSLContext.class);
    }

    /** Keys of visitors {@code first} to {@code last} (hi = n, lo = -n) reading an article in the slot. */
    public void keys(long article, Instant slot, long first, long last) {
        LocalDate day = LocalDate.ofInstant(slot, ZoneOffset.UTC);
        dsl.execute("select article_readers_maintain(?::date, ?::date, date '2000-01-01')", day, day);
        dsl.execute(
                "insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)"
                        + " select ?::bigint, ?::timestamptz, g, -g from generate_series(?::bigint, ?::bigint) g"
                        + " on conflict do nothing",
                article,
                slot.atOffset(ZoneOffset.UTC),
                first,
                last);
    }

    /** Writes the keys this instance's flushes inserted into its own sketches, and drops cached counts. */
    public int writeSketches() {
        int hours = context.getBean(SketchBuilder.class).write();
        context.getBean(Readers.class).invalidateAll();
        return hours;
    }

    /** The id this instance writes its sketches under. */
    public java.util.UUID writer() {
        return context.getBean(SketchBuilder.class).writer();
    }

    /** Builds the sketches of the hours of the last two days whose keys changed, and drops cached counts. */
    public void build() {
        Instant end = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now()) + TimeRange.HOUR);
        context.getBean(SketchBuilder.class).build(end.minus(Duration.ofDays(2)), end, true);
        context.getBean(Readers.class).invalidateAll();
    }

    /** Builds the sketches of the hours in [from, to) whose keys changed, and drops cached counts. */
    public void build(Instant from, Instant to) {
        context.getBean(SketchBuilder.class).build(from, to, true);
        context.getBean(Readers.class).invalidateAll();
    }

    /** Drops the cached window totals as their expiry does, keeping the unions of finished hours. */
    public void expireTotals() {
        context.getBean(Readers.class).expireTotals();
    }
}
