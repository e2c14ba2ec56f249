package news.tag;

import static org.jooq.impl.DSL.row;

import org.jooq.SelectField;

/** The one mapping from a {@code tag} row to {@link Tag}, for every query that reads tags. */
public final class TagColumns {

    private TagColumns() {
    }

    public static SelectField<Tag> of(news.db.tables.Tag tag) {
        return row(tag.ID, tag.SLUG, tag.NAME).mapping(Tag::new);
    }
}
