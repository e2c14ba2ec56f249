package news.section;

import static org.jooq.impl.DSL.row;

import org.jooq.SelectField;

/** The one mapping from a {@code section} row to {@link Section}, for every query that reads sections. */
public final class SectionColumns {

    private SectionColumns() {
    }

    public static SelectField<Section> of(news.db.tables.Section section) {
        return row(section.ID, section.SLUG, section.NAME, section.DESCRIPTION, section.PARENT_ID, section.POSITION)
            .mapping(Section::new);
    }
}
