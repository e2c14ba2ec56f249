package news.section;

import static news.db.Tables.SECTION;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.row;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/** Reads sections. The table is small (dozens of rows), so it is read whole. */
@Repository
public class SectionRepository {

    private final DSLContext dsl;

    SectionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<Section> findAll() {
        Field<Section> section = columns(SECTION);
        return dsl.select(section)
                .from(SECTION)
                .orderBy(SECTION.POSITION, SECTION.NAME, SECTION.ID)
                .fetch(section);
    }

    /**
     * The one mapping from a row to {@link Section}, for every query that reads them, also those of the packages that
     * write or count them.
     */
    public static Field<Section> columns(news.db.tables.Section section) {
        return field(
                row(section.ID, section.SLUG, section.NAME, section.DESCRIPTION, section.PARENT_ID, section.POSITION)
                        .mapping(Section::new));
    }
}
