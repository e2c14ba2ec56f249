package news.section;

import static news.db.Tables.SECTION;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.springframework.stereotype.Repository;

/** Reads sections. The table is small (dozens of rows), so it is read whole. */
@Repository
class SectionRepository {

    private final DSLContext dsl;

    SectionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<Section> findAll() {
        return dsl.select(SectionColumns.of(SECTION))
            .from(SECTION)
            .orderBy(SECTION.POSITION, SECTION.NAME, SECTION.ID)
            .fetch(Record1::value1);
    }
}
