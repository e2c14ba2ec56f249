package news.article;

import static news.db.Tables.ARTICLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.noCondition;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.database.Row;
import news.tag.Tag;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two statements the benchmarks measure (the article page and the list pages) are read by column position
 * ({@link ArticleRepository#toArticle(Row)}); every other read maps columns by name
 * ({@link ArticleRepository#toArticle(org.jooq.Record)}). These tests build each shape of
 * those two statements, hand its mapper a row that knows the statement's select list, and check that every selected
 * column is read exactly once, with the getter of its type, into the component of its name: a column added to the
 * select list but not to the mapper, or read at the wrong position, fails here rather than on a page.
 */
class ArticleColumnsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArticleRepository repository = new ArticleRepository(DSL.using(SQLDialect.POSTGRES), JSON);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void articlePage_readsEverySelectedColumnOnceIntoItsComponent(int partsBits) {
        ArticleRead.Parts parts =
                new ArticleRead.Parts((partsBits & 1) != 0, (partsBits & 2) != 0, (partsBits & 4) != 0);
        Field<?>[] select =
                repository.read(parts, noCondition(), ARTICLE.ID.asc()).fields();
        RecordingRow row = new RecordingRow(select);

        ArticleRead read = repository.toRead(row, parts);

        row.assertEveryColumnReadOnce();
        assertArticleHoldsItsColumns(read.article(), row);
        if (parts.body()) {
            assertThat(read.body()).containsExactly(new BodyBlock(BodyBlock.Type.PARAGRAPH, "text", null));
        }
        if (parts.reporters()) {
            assertThat(read.reporterIds()).containsExactly(7L, 8L);
        }
        if (parts.tags()) {
            assertThat(read.tags()).containsExactly(new Tag(3, "hukum", "Hukum"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void listPage_readsEverySelectedColumnOnceIntoItsComponent(boolean bylines) {
        List<PageKey> keys = List.of(
                new PageKey(ArticleQuery.ALL, 20, null),
                new PageKey(ArticleQuery.byReporter(4), 10, new ArticleCursor(OffsetDateTime.now(), 12)));
        Field<?>[] select = repository.union(keys, bylines, null).fields();
        RecordingRow row = new RecordingRow(select);

        ArticleRepository.PageRow read = ArticleRepository.toPageRow(row, bylines);

        row.assertEveryColumnReadOnce();
        assertArticleHoldsItsColumns(read.article(), row);
        assertThat(read.page()).isEqualTo(row.value(ArticleRepository.LIST_COLUMNS.size()));
        if (bylines) {
            assertThat(read.byline()).containsExactly(7L, 8L);
        }
    }

    /** The named mapping of every other read makes the same article of the same values. */
    @Test
    @SuppressWarnings("unchecked")
    void namedMapping_makesTheSameArticleAsThePositionalOne() {
        Field<?>[] columns =
                ArticleRepository.LIST_COLUMNS.stream().map(f -> (Field<?>) f).toArray(Field<?>[]::new);
        RecordingRow row = new RecordingRow(columns);
        org.jooq.Record record = DSL.using(SQLDialect.POSTGRES).newRecord(columns);
        for (int i = 0; i < columns.length; i++) {
            record.set((Field<Object>) columns[i], row.value(i));
        }

        assertThat(ArticleRepository.toArticle(record)).isEqualTo(ArticleRepository.toArticle(row));
    }

    /** The other way round: a component added to {@link Article} or {@link Image} has its column in the list. */
    @Test
    void everyComponentOfAnArticle_hasItsColumnInTheMeasuredStatements() {
        Set<String> columns = ArticleRepository.LIST_COLUMNS.stream()
                .map(SelectField::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> components = new ArrayList<>();
        for (RecordComponent component : Article.class.getRecordComponents()) {
            if (component.getType() == Image.class) {
                for (RecordComponent part : Image.class.getRecordComponents()) {
                    components.add("image_" + snake(part.getName()));
                }
            } else {
                components.add(snake(component.getName()));
            }
        }
        assertThat(columns).containsAll(components);
        assertThat(components).containsAll(columns);
    }

    /** Each column of {@code LIST_COLUMNS} landed in the component of the same name. */
    private static void assertArticleHoldsItsColumns(Article article, RecordingRow row) {
        for (int i = 0; i < ArticleRepository.LIST_COLUMNS.size(); i++) {
            String column = ArticleRepository.LIST_COLUMNS.get(i).getName();
            Object expected = row.value(i);
            Object actual;
            if (column.startsWith("image_")) {
                actual = component(article.image(), camel(column.substring("image_".length())));
            } else {
                actual = component(article, camel(column));
            }
            if (actual instanceof Enum<?> e) {
                actual = e.name();
            }
            assertThat(actual).as("Article column %s (position %d)", column, i).isEqualTo(expected);
        }
    }

    private static Object component(Record record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        throw new AssertionError(record.getClass().getSimpleName() + " has no component " + name);
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static String snake(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    /**
     * A row of a statement's select list: each column holds a value of its type, distinct from every other column's,
     * and every read is checked against the column's type and counted.
     */
    private static final class RecordingRow implements Row {

        private final Field<?>[] select;

        private final Object[] values;

        private final int[] reads;

        RecordingRow(Field<?>[] select) {
            this.select = select;
            this.values = new Object[select.length];
            this.reads = new int[select.length];
            for (int i = 0; i < select.length; i++) {
                values[i] = valueOf(select[i], i);
            }
        }

        private static Object valueOf(Field<?> field, int position) {
            Class<?> type = field.getType();
            if (field.getName().equals(ARTICLE.STATUS.getName())) {
                return ArticleStatus.PUBLISHED.name();
            }
            if (field.getName().equals(ARTICLE.BODY.getName())) {
                return "[{\"type\":\"PARAGRAPH\",\"text\":\"text\",\"speaker\":null}]";
            }
            if (type == JSONB.class) {
                return "[[3,\"hukum\",\"Hukum\"]]";
            }
            if (type == Long[].class) {
                return new Long[] {7L, 8L};
            }
            if (type == Long.class) {
                return 100L + position;
            }
            if (type == Integer.class) {
                return 100 + position;
            }
            if (type == String.class) {
                return field.getName() + "-" + position;
            }
            if (type == OffsetDateTime.class) {
                return OffsetDateTime.of(2026, 1, 1, 0, position, 0, 0, ZoneOffset.ofHours(7));
            }
            throw new AssertionError("A column of a type no getter of Row reads: " + field + " " + type);
        }

        Object value(int column) {
            return values[column];
        }

        private Object read(int column, Class<?>... types) {
            assertThat(column).as("column %d of %d", column, select.length).isBetween(0, select.length - 1);
            assertThat(List.of(types))
                    .as("the getter of column %d (%s)", column, select[column].getName())
                    .contains(select[column].getType());
            reads[column]++;
            return values[column];
        }

        void assertEveryColumnReadOnce() {
            List<String> wrong = IntStream.range(0, select.length)
                    .filter(i -> reads[i] != 1)
                    .mapToObj(i -> select[i].getName() + " (position " + i + ") read " + reads[i] + " times")
                    .toList();
            assertThat(wrong).as("columns not read exactly once").isEmpty();
        }

        @Override
        public Long getLong(int column) {
            return (Long) read(column, Long.class);
        }

        @Override
        public Integer getInteger(int column) {
            return (Integer) read(column, Integer.class);
        }

        @Override
        public String getString(int column) {
            return (String) read(column, String.class, JSONB.class);
        }

        @Override
        public OffsetDateTime getOffsetDateTime(int column) {
            return (OffsetDateTime) read(column, OffsetDateTime.class);
        }

        @Override
        public Long[] getLongArray(int column) {
            return (Long[]) read(column, Long[].class);
        }
    }
}
