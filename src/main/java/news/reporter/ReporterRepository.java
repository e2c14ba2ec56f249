package news.reporter;

import static news.db.Tables.REPORTER;

import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.SelectSelectStep;
import org.springframework.stereotype.Repository;

/** Reads reporters. */
@Repository
class ReporterRepository {

    private final DSLContext dsl;

    ReporterRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Reporter> findBySlug(String slug) {
        return select().from(REPORTER).where(REPORTER.SLUG.eq(slug)).fetchOptional(ReporterRepository::toReporter);
    }

    Optional<Reporter> findById(long id) {
        return select().from(REPORTER).where(REPORTER.ID.eq(id)).fetchOptional(ReporterRepository::toReporter);
    }

    private SelectSelectStep<Record5<Long, String, String, String, String>> select() {
        return dsl.select(REPORTER.ID, REPORTER.SLUG, REPORTER.NAME, REPORTER.BIO, REPORTER.AVATAR_URL);
    }

    private static Reporter toReporter(Record5<Long, String, String, String, String> r) {
        return new Reporter(r.value1(), r.value2(), r.value3(), r.value4(), r.value5());
    }
}
