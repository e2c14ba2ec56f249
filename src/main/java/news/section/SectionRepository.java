package news.section;

import static news.db.Tables.SECTION;

import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reads sections. The table is small (dozens of rows), so it is read whole. */
@Repository
class SectionRepository {

    private final DSLContext dsl;

    SectionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<Section> findAll() {
        return dsl.select(SECTION.ID, SECTION.SLUG, SECTION.NAME, SECTION.DESCRIPTION, SECTION.PARENT_ID,
                    SECTION.POSITION)
            .from(SECTION)
            .orderBy(SECTION.POSITION, SECTION.NAME, SECTION.ID)
            .fetch(r -> new Section(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }
}
