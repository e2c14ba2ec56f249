package news.database;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rows are read by column name ({@code r.get(ARTICLE.HEADLINE)}, {@code row(...).mapping(X::new)},
 * {@code Records.mapping}), so adding a column means editing the record and its one mapping. The exception is the two
 * statements the benchmarks measure (article page and list pages, run by {@link RenderedStatements}): their rows are
 * read by position through {@link Row}, in the three mappers of {@code ArticleRepository} that
 * {@code ArticleColumnsTest} checks against the statements' select lists.
 */
class NamedColumnsTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("news");

    /** The mappers of the measured statements' rows. */
    private static final Set<String> POSITIONAL_MAPPERS = Set.of("toArticle", "toRead", "toPageRow");

    private static final Pattern VALUE_N = Pattern.compile("(value|component)\\d+");

    @Test
    void jooqRecords_areReadByField() {
        noClasses()
                .that()
                .resideOutsideOfPackages("news.db..", "news.database")
                .should()
                .accessTargetWhere(DescribedPredicate.describe(
                        "a jOOQ record read by position", NamedColumnsTest::readsJooqRecordByPosition))
                .because("a column is read by its field, so a new column shifts nothing")
                .check(CLASSES);
    }

    @Test
    void rowsByPosition_onlyInTheMeasuredStatementsMappers() {
        noClasses()
                .that()
                .resideOutsideOfPackage("news.database")
                .should()
                .accessTargetWhere(DescribedPredicate.describe(
                        "Row read outside the mappers of the measured statements",
                        access -> access.getTargetOwner().getName().equals(Row.class.getName())
                                && !inPositionalMapper(access)))
                .check(CLASSES);
    }

    private static boolean readsJooqRecordByPosition(JavaAccess<?> access) {
        String owner = access.getTargetOwner().getName();
        if (!owner.startsWith("org.jooq.")) {
            return false;
        }
        String name = access.getTarget().getName();
        String descriptor = access.getTarget().getFullName();
        boolean record = owner.equals("org.jooq.Record") || owner.matches("org\\.jooq\\.Record\\d+");
        boolean byIndex = descriptor.contains("(int") && (name.equals("get") || name.startsWith("getValue"));
        // fetchSize(int) is the cursor's batch size, not a column.
        boolean fetchByIndex = descriptor.contains("(int")
                && !name.equals("fetchSize")
                && (name.startsWith("fetch") || name.equals("getValue") || name.equals("into"));
        return (record && (byIndex || VALUE_N.matcher(name).matches())) || fetchByIndex;
    }

    private static boolean inPositionalMapper(JavaAccess<?> access) {
        if (!access.getOriginOwner().getName().equals("news.article.ArticleRepository")) {
            return false;
        }
        String origin = access.getOrigin().getName();
        return POSITIONAL_MAPPERS.stream().anyMatch(m -> origin.equals(m) || origin.startsWith("lambda$" + m + "$"));
    }
}
