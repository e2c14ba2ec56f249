package news.reporter;

import static org.jooq.impl.DSL.row;

import org.jooq.SelectField;

/** The one mapping from a {@code reporter} row to {@link Reporter}, for every query that reads reporters. */
public final class ReporterColumns {

    private ReporterColumns() {
    }

    public static SelectField<Reporter> of(news.db.tables.Reporter reporter) {
        return row(reporter.ID, reporter.SLUG, reporter.NAME, reporter.BIO, reporter.AVATAR_URL)
            .mapping(Reporter::new);
    }
}
